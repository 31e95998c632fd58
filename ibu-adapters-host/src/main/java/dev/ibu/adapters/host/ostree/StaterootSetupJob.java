package dev.ibu.adapters.host.ostree;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.archive.ExtractionBudget;
import dev.ibu.adapters.host.archive.ExtractionLimits;
import dev.ibu.adapters.host.archive.SafeTarExtractor;
import dev.ibu.adapters.host.archive.SetfattrRestore;
import dev.ibu.adapters.host.archive.XattrSink;
import dev.ibu.adapters.host.process.ProcessRunner;
import java.util.Optional;
import dev.ibu.adapters.host.state.AutoRollbackFile;
import dev.ibu.adapters.host.seed.AuthFile;
import dev.ibu.adapters.host.seed.SeedFormatException;
import dev.ibu.adapters.host.seed.SeedMetadata;
import dev.ibu.adapters.host.seed.SeedUnpacker;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.adapters.host.support.ContainedPath;
import dev.ibu.ports.out.StaterootSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The stateroot setup (upstream {@code lca-cli ibu-stateroot-setup}, host-and-image.md §3.4): pull the
 * seed, stream its layer into the workspace repo and the new stateroot's var, check the version,
 * pull-local, deploy with the seed's kargs plus FIPS and {@code ibu=<version>}, restore the origin,
 * lay down etc and its deletions, and write the auto-rollback config.
 */
public final class StaterootSetupJob {

    /** Seed files the deploy needs; lca-cli's layer has them all before var.tgz. */
    private static final Set<String> EARLY = Set.of("ostree.tgz", "rpm-ostree.json", "mco-currentconfig.json", "manifest.json");

    /** Where the seed's image list lands in the new stateroot (read by precache). */
    public static final String CONTAINERS_LIST = "lib/lca/containers.list";

    private final OstreeCli ostree;
    private final SkopeoClient skopeo;
    private final HostLayout layout;
    private final ExtractionLimits limits;

    private final Optional<ProcessRunner> xattrRunner;

    /** Drops the seed's xattrs (SELinux labels): for hosts and tests where nothing reads them. */
    public StaterootSetupJob(OstreeCli ostree, SkopeoClient skopeo, HostLayout layout, ExtractionLimits limits) {
        this(ostree, skopeo, layout, limits, Optional.empty());
    }

    /** With {@code xattrRunner}, the seed's xattrs are applied on the host with setfattr (see {@link SetfattrRestore}). */
    public StaterootSetupJob(OstreeCli ostree, SkopeoClient skopeo, HostLayout layout, ExtractionLimits limits,
                             Optional<ProcessRunner> xattrRunner) {
        this.ostree = ostree;
        this.skopeo = skopeo;
        this.layout = layout;
        this.limits = limits;
        this.xattrRunner = xattrRunner;
    }

    private XattrSink xattrSink(Path ws) {
        return xattrRunner.<XattrSink>map(r -> new SetfattrRestore(r, layout, ws.resolve("xattrs"))).orElse(XattrSink.IGNORE);
    }

    private static void flush(XattrSink sink) {
        if (sink instanceof SetfattrRestore r) {
            r.apply();
        }
    }

    public void run(StaterootSetup setup, Consumer<String> progress) {
        String sr = OstreeCli.requireOsname(setup.staterootName());
        Path ws = workspace(sr);
        try {
            progress.accept("pulling seed image " + setup.seedImage());
            Path image = ws.resolve("image");
            try (AuthFile auth = AuthFile.write(setup.pullSecret().toJavaOptional(), ws.resolve("auth"))) {
                skopeo.pullToDir(setup.seedImage(), image, auth.path());
            }
            ostree.osInit(sr);
            progress.accept("unpacking seed image");
            Path repo = ws.resolve("ostree");
            Path meta = ws.resolve("meta");
            XattrSink xattrs = xattrSink(ws);
            SeedMetadata seed = unpackAndDeploy(setup, sr, image, repo, meta, progress, xattrs);
            Path deployDir = deploymentDir(sr);
            layDownEtc(sr, seed, meta, deployDir, xattrs);
            AtomicFiles.write(layout.inStaterootVar(sr, CONTAINERS_LIST), String.join("\n", seed.images()));
            AutoRollbackFile.write(layout, sr, setup.autoRollback());
        } finally {
            AtomicFiles.deleteTree(ws);
        }
    }

    /**
     * Streams the layer and, as soon as the repo and the metadata are on disk (lca-cli's layout puts
     * ostree.tgz and rpm-ostree.json before var.tgz), pulls and deploys the commit on another thread
     * while var.tgz is still being unpacked: the two touch disjoint directories.
     */
    private SeedMetadata unpackAndDeploy(StaterootSetup setup, String sr, Path image, Path repo, Path meta,
                                         Consumer<String> progress, XattrSink xattrs) {
        Set<String> seen = new HashSet<>();
        AtomicReference<CompletableFuture<SeedMetadata>> deploy = new AtomicReference<>();
        Runnable startDeploy = () -> {
            flush(xattrs); // the repo's objects carry their labels before pull-local reads them
            deploy.set(CompletableFuture.supplyAsync(() -> deploy(setup, sr, repo, meta, progress),
                task -> new Thread(task, "ibu-deploy-" + sr).start()));
        };
        try {
            new SeedUnpacker(SafeTarExtractor.forCurrentUser().withXattrs(xattrs)).unpack(SeedUnpacker.layers(image),
                new SeedUnpacker.Destinations(repo, layout.staterootDir(sr), meta), new ExtractionBudget(limits), name -> {
                    seen.add(name);
                    if (deploy.get() == null && seen.containsAll(EARLY)) {
                        startDeploy.run();
                    }
                });
        } catch (RuntimeException e) {
            if (deploy.get() != null) {
                deploy.get().handle((x, y) -> null).join(); // never leave a deploy running behind a failed unpack
            }
            throw e;
        }
        if (deploy.get() == null) {
            startDeploy.run(); // another layout: deploy once everything is unpacked
        }
        AtomicFiles.deleteTree(image);
        flush(xattrs);
        try {
            return deploy.get().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private SeedMetadata deploy(StaterootSetup setup, String sr, Path repo, Path meta, Consumer<String> progress) {
        SeedMetadata seed = SeedMetadata.read(meta);
        checkVersion(seed, setup.version());
        progress.accept("deploying seed commit " + seed.commit());
        // only the booted commit: no refs of the seed land in (or overwrite refs of) the host's repo
        ostree.pullLocal(layout.commandPath(repo), seed.commit());
        ostree.deploy(sr, seed.commit(), List.of("ibu=" + setup.version()), kargs(seed), true); // set-default always works here
        return seed;
    }

    static void checkVersion(SeedMetadata seed, String version) {
        String seedVersion = seed.clusterInfo().ocpVersion();
        if (!version.equals(seedVersion)) {
            throw new SeedFormatException("version specified in seed image (" + seedVersion
                + ") differs from version in spec (" + version + ")");
        }
    }

    /** The seed's MachineConfig kargs, plus what FIPS needs to find /boot (host-and-image.md §3.6). */
    static List<String> kargs(SeedMetadata seed) {
        List<String> out = new ArrayList<>(seed.kernelArguments());
        if (seed.fips()) {
            out.add("fips=1");
            out.add("boot=LABEL=boot");
        }
        return out;
    }

    /** The first deployment of the stateroot, as ostree lists it. */
    public Path deploymentDir(String sr) {
        OstreeDeployment d = ostree.status().stream().filter(x -> x.osname().equals(sr)).findFirst()
            .orElseThrow(() -> new IllegalStateException("unable to find deployment in stateroot: " + sr));
        return layout.staterootDir(sr).resolve("deploy").resolve(d.deploymentName());
    }

    private void layDownEtc(String sr, SeedMetadata seed, Path meta, Path deployDir, XattrSink xattrs) {
        try {
            Path origin = meta.resolve("ostree-" + seed.deployment() + ".origin");
            if (Files.exists(origin)) { // beside the deployment, through no link the seed's var.tgz could have made
                AtomicFiles.writeShared(layout.inStateroot(sr, "deploy/" + deployDir.getFileName() + ".origin"),
                    Files.readAllBytes(origin));
            }
            Path etcTgz = meta.resolve("etc.tgz");
            if (Files.exists(etcTgz)) {
                SafeTarExtractor.forCurrentUser().withXattrs(xattrs).extractTgz(etcTgz, deployDir, new ExtractionBudget(limits));
                flush(xattrs);
            }
            applyEtcDeletions(meta.resolve("etc.deletions"), deployDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay down /etc in " + deployDir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes each listed /etc path inside the deployment; an already-missing one is fine (§9). */
    static void applyEtcDeletions(Path list, Path deployDir) throws IOException {
        if (!Files.exists(list)) {
            return;
        }
        for (String line : Files.readAllLines(list)) {
            String p = line.strip();
            if (p.isEmpty()) {
                continue;
            }
            String rel = p.startsWith("/") ? p.substring(1) : p;
            ContainedPath target;
            try {
                target = ContainedPath.of(deployDir, rel);
            } catch (IllegalArgumentException bad) {
                target = null;
            }
            if (target == null || !rel.startsWith("etc/")) {
                throw notUnderEtc(line);
            }
            try { // neither a parent nor the path itself is followed: a link is removed, not what it points to
                AtomicFiles.deleteTree(target); // a file, a link or a directory; a missing one is fine
            } catch (ContainedPath.EscapeException through) {
                throw notUnderEtc(line);
            }
        }
    }

    private static SeedFormatException notUnderEtc(String line) {
        return new SeedFormatException("etc.deletions line \"" + line
            + "\" is not a path under /etc inside the deployment; rebuild the seed image");
    }

    private Path workspace(String sr) {
        try {
            AtomicFiles.ensurePrivateDir(layout.workRoot());
            Path ws = Files.createTempDirectory(layout.workRoot(), "ibu-stateroot-" + sr + "-");
            AtomicFiles.ensurePrivateDir(ws);
            return ws;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a workspace under " + layout.workRoot()
                + "; check it exists and is writable", e);
        }
    }
}
