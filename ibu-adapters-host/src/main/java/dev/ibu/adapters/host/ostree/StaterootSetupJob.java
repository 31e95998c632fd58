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
import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.ports.out.StaterootSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /** The job step after which the seed image is in the workspace. */
    static final String SEED_PULLED = "seed-pulled";

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
        run(setup, HostJobs.Context.of(progress));
    }

    /**
     * The setup as a resumable job: the workspace has a fixed place per stateroot, and once the seed is pulled into it
     * a runner that takes over from a dead one reuses it instead of pulling again (the caller has removed what the
     * dead runner left in the stateroot). The workspace is deleted when the job ends, but not when its runner is
     * stopped (the next one reuses it).
     */
    public void run(StaterootSetup setup, HostJobs.Context ctx) {
        String sr = OstreeCli.requireOsname(setup.staterootName());
        Consumer<String> progress = ctx::progress;
        Path image = workspace(sr).resolve("image");
        boolean reuseSeed = ctx.resumed() && ctx.done().contains(SEED_PULLED) && Files.isDirectory(image);
        Path ws = prepareWorkspace(sr, reuseSeed);
        try {
            if (reuseSeed) {
                progress.accept("reusing seed image " + setup.seedImage() + " pulled before the agent restarted");
            } else {
                progress.accept("pulling seed image " + setup.seedImage());
                try (AuthFile auth = AuthFile.write(setup.pullSecret().toJavaOptional(), ws.resolve("auth"))) {
                    skopeo.pullToDir(setup.seedImage(), image, auth.path());
                }
                ctx.markDone(SEED_PULLED);
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
            if (!ctx.stopped()) {
                AtomicFiles.deleteTree(ws);
            }
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
        flush(xattrs); // the pulled image stays until the job ends: a resumed runner reuses it
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

    /** The setup's workspace: one per stateroot, so that a resumed runner finds what its predecessor pulled. */
    private Path workspace(String sr) {
        return layout.workRoot().resolve("ibu-stateroot-" + sr);
    }

    /** An empty workspace, or (with {@code keepImage}) one holding only the pulled seed image. */
    private Path prepareWorkspace(String sr, boolean keepImage) {
        Path ws = workspace(sr);
        try {
            AtomicFiles.ensurePrivateDir(layout.workRoot());
            if (keepImage) {
                try (var entries = Files.list(ws)) {
                    for (Path p : entries.filter(p -> !p.getFileName().toString().equals("image")).toList()) {
                        deleteAny(p);
                    }
                }
            } else {
                deleteAny(ws);
            }
            AtomicFiles.ensurePrivateDir(ws);
            return ws;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a workspace under " + layout.workRoot()
                + "; check it exists and is writable", e);
        }
    }

    private static void deleteAny(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            AtomicFiles.deleteTree(p);
        } else {
            Files.deleteIfExists(p);
        }
    }
}
