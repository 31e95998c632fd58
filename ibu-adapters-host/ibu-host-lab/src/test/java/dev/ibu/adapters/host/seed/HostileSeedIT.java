package dev.ibu.adapters.host.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.archive.HostileArchives;
import dev.ibu.adapters.host.archive.StaterootVarTree;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.adapters.host.lab.SeedFixture;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11's hostile-archive suite through a real stateroot setup: each archive is the var.tgz of a seed
 * pushed to a loopback registry, and {@link StaterootSetupJob} pulls it and makes a new stateroot on a real
 * ostree sysroot. Each case has the outcome the extractor alone gives (refused with the same message and
 * the same partial var, or the same tree below var, the agent's own files then written beside it). In every
 * case nothing outside the new
 * stateroot changes: the rest of the sysroot (other than ostree's repo and boot entries) and a canary
 * directory that every link out points to.
 */
class HostileSeedIT {

    static final String SR = "rhcos_4.16.0";
    static final String VERSION = "4.16.0";

    static LabRegistry registry;
    static Path base;
    static Path template;
    static Path canary;
    static SeedContent content;

    @BeforeAll
    static void seed() throws Exception {
        RequireHostTools.requireOstree();
        RequireHostTools.requireRegistry();
        registry = LabRegistry.start();
        base = Files.createTempDirectory("hostile-seed-it");
        content = SeedFixture.create(base.resolve("seed"), VERSION, List.of("a/b:1"), 2);
        template = base.resolve("backup");
        SeedImageBuilder.writeBackupDir(content, template);
        canary = Files.createDirectories(base.resolve("canary"));
        Files.writeString(canary.resolve("victim"), "untouched");
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (base != null) {
            LabSysroot.deleteTree(base);
        }
    }

    /** Called after {@link #seed} (JUnit resolves a method source when the parameterized test runs). */
    static Stream<HostileArchives.Case> cases() throws IOException {
        return HostileArchives.all(canary.toString(), entriesIn(template.resolve("ostree.tgz"))).stream();
    }

    /** The seed's ostree.tgz is unpacked first, on the same budget: its entries count against the limit. */
    private static int entriesIn(Path tgz) throws IOException {
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
            new java.util.zip.GZIPInputStream(Files.newInputStream(tgz)))) {
            int n = 0;
            while (tar.getNextEntry() != null) {
                n++;
            }
            return n;
        }
    }

    private static SkopeoClient skopeo(HostLayout layout) {
        return new SkopeoClient(ProcessRunner.local(), layout, Set.of(registry.host()), 0);
    }

    /** A seed like the fixture's, whose var.tgz is the hostile archive; returns its reference. */
    private static String push(HostileArchives.Case c, Path work) throws IOException {
        Path backup = Files.createDirectories(work.resolve("backup"));
        try (Stream<Path> s = Files.list(template)) {
            for (Path f : s.toList()) {
                Files.copy(f, backup.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.delete(backup.resolve("var.tgz"));
        c.writeTgz(backup.resolve("var.tgz"));
        SeedImageBuilder.writeOciLayout(backup, work.resolve("oci"), SeedImageBuilder.labels(content.clusterInfo()));
        String ref = registry.host() + "/lab/hostile:" + c.id();
        skopeo(HostLayout.forSysroot(work.resolve("unused"), work.resolve("push-work")))
            .copy("oci:" + work.resolve("oci") + ":seed", "docker://" + ref, Optional.empty());
        return ref;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_hostile_var_tgz_has_its_exact_outcome_and_nothing_outside_the_new_stateroot_changes(HostileArchives.Case c)
        throws Exception {
        Path work = Files.createTempDirectory(base, c.id() + "-");
        String ref = push(c, work);
        try (LabSysroot sys = new LabSysroot(work.resolve("host"))) {
            sys.installOriginal("rhcos");
            List<String> sysrootBefore = outsideTheNewStateroot(sys.path());
            List<String> canaryBefore = snapshot(canary);
            OstreeCli ostree = new OstreeCli(ProcessRunner.local(), sys.layout());
            StaterootSetupJob job = new StaterootSetupJob(ostree, skopeo(sys.layout()), sys.layout(), HostileArchives.LIMITS);

            Optional<String> failure;
            try {
                job.run(new StaterootSetup(SR, VERSION, ref, Option.none(), new AutoRollbackConfig(true, 1800, true, true)),
                    p -> { });
                failure = Optional.empty();
            } catch (RuntimeException e) {
                failure = Optional.of(e.getMessage());
            }

            Path stateroot = sys.path().resolve("ostree/deploy/" + SR);
            List<String> var = StaterootVarTree.describe(stateroot).stream()
                .filter(l -> !l.startsWith("var/.ostree-selabeled ")).toList(); // ostree deploy's own marker
            if (c.refusal().isPresent()) {
                assertThat(failure).as(c.what()).isEqualTo(c.refusal());
                assertThat(var).as(c.what()).containsExactlyElementsOf(c.tree());
            } else {
                assertThat(failure).as(c.what()).isEmpty();
                assertThat(var.stream().filter(l -> !l.startsWith("var/lib/lca/"))).as(c.what())
                    .containsExactlyElementsOf(c.tree());
                assertThat(var).contains("var/lib/lca/ d0700", "var/lib/lca/containers.list f0600 n1 'a/b:1'");
                assertThat(stateroot.resolve("var/lib/lca/autorollback_config.json")).isRegularFile();
                assertThat(ostree.status().stream().map(d -> d.osname())).containsExactly("rhcos", SR);
            }
            try (Stream<Path> s = Files.list(stateroot)) {
                assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("deploy")))
                    .as("only var/ and ostree's deploy/ in the stateroot").containsExactly("var");
            }
            assertThat(outsideTheNewStateroot(sys.path())).as("the sysroot outside " + SR).isEqualTo(sysrootBefore);
            assertThat(snapshot(canary)).as("the canary").isEqualTo(canaryBefore);
        } finally {
            LabSysroot.deleteTree(work);
        }
    }

    @Test
    void the_suite_runs_at_least_30_hostile_archives() throws IOException {
        assertThat(cases().count()).isGreaterThanOrEqualTo(30);
    }

    /**
     * Every path of the sysroot but the new stateroot and what a deploy legitimately changes (the repo
     * gains the seed's objects; boot entries and the boot.N links are rewritten), with kind, mode, link
     * target and file content hash; directories without mtime (they gain children).
     */
    static List<String> outsideTheNewStateroot(Path sysroot) throws IOException {
        try (Stream<Path> s = Files.walk(sysroot)) {
            return s.filter(p -> {
                String rel = sysroot.relativize(p).toString();
                return !rel.equals("ostree/deploy/" + SR) && !rel.startsWith("ostree/deploy/" + SR + "/")
                    && !rel.startsWith("ostree/repo/") && !rel.equals("boot") && !rel.startsWith("boot/")
                    && !rel.startsWith("ostree/boot.");
            }).map(p -> sysroot.relativize(p) + " " + describe(p, false)).sorted().toList();
        }
    }

    static List<String> snapshot(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + " " + describe(p, true)).sorted().toList();
        }
    }

    private static String describe(Path p, boolean dirMtime) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (Files.isSymbolicLink(p)) {
                return "l -> " + Files.readSymbolicLink(p);
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return "d " + mode + (dirMtime ? " " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS) : "");
            }
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
            return "f " + mode + " " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS) + " "
                + HexFormat.of().formatHex(hash, 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
