package dev.ibu.adapters.oadp.local;

import dev.ibu.ports.contract.Polling;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Property: changing any single file of a finished backup (one byte flipped, the file deleted, a file added beside
 * it, the file grown, or the file rewritten together with a matching manifest) makes the restore fail, naming that
 * file (or the manifest), before anything is created. Canary: the untouched backup restores.
 */
class TamperedBackupPropertyTest {
    private static final String UPGRADE = "4.16.3-tamper";
    private static LocalCluster cluster;
    private static LocalBackupAdapter adapter;
    private static ExportBundle bundle;
    private static Path dir;
    private static Path pristine;
    private static List<String> files;

    @BeforeAll
    static void backUpOnce() throws IOException {
        cluster = LocalCluster.start();
        adapter = new LocalBackupAdapter(cluster.client(), cluster.settings(), () -> Either.right(UPGRADE));
        ShopApplication.deploy(cluster.client());
        assertThat(adapter.backup(ShopApplication.content()).get()).isInstanceOf(WorkProgress.Done.class);
        bundle = adapter.export(ShopApplication.content()).get();
        cluster.wipe();
        dir = cluster.hostRoot().resolve(LocalLayout.HOST_RELATIVE_ROOT).resolve(UPGRADE);
        pristine = Files.createTempDirectory("ibu-pristine");
        copy(dir, pristine);
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
        assertThat(files).contains(LocalLayout.MANIFEST).hasSizeGreaterThan(10);
    }

    @AfterAll
    static void close() {
        cluster.close();
    }

    @Test
    void any_single_changed_file_fails_the_restore_naming_it_before_anything_is_applied() {
        AtomicInteger[] byMutation = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger(),
                new AtomicInteger()};
        qt().withExamples(60).withShrinkCycles(20)
                .forAll(integers().between(0, files.size() - 1), integers().between(0, 4))
                .checkAssert((index, mutation) -> {
                    reset();
                    String file = files.get(index);
                    String named = tamper(file, mutation);
                    byMutation[mutation].incrementAndGet();

                    Either<PortFailure, WorkProgress> r = adapter.restore(bundle);

                    assertThat(r.isLeft()).as("%s of %s", mutation, file).isTrue();
                    assertThat(r.getLeft()).isInstanceOf(PortFailure.Terminal.class);
                    assertThat(r.getLeft().message()).contains(named).contains("nothing was restored");
                    assertThat(ShopApplication.get(cluster.client(), "Namespace//shop")).isNull();
                    assertThat(ShopApplication.get(cluster.client(), "CustomResourceDefinition//widgets.example.com")).isNull();
                });
        for (AtomicInteger n : byMutation) {
            assertThat(n.get()).as("every kind of change was tried").isPositive();
        }

        reset();
        Either<PortFailure, WorkProgress> canary = Polling.until(() -> adapter.restore(bundle),
                x -> x.isLeft() || x.get() instanceof WorkProgress.Done, () -> { }, 10);
        assertThat(canary.isRight()).as("the untouched backup restores: %s", canary).isTrue();
    }

    /** Changes {@code file} and returns the name the failure must mention. */
    private static String tamper(String file, int mutation) {
        Path p = dir.resolve(file);
        try {
            switch (mutation) {
                case 0 -> {
                    byte[] b = Files.readAllBytes(p);
                    b[b.length / 2] ^= 0x20;
                    Files.write(p, b);
                    return file;
                }
                case 1 -> {
                    Files.delete(p);
                    return file;
                }
                case 2 -> {
                    Path extra = p.resolveSibling("zz-extra.yaml");
                    Files.writeString(extra, "kind: ConfigMap\n");
                    return dir.relativize(extra).toString();
                }
                case 3 -> {
                    Files.write(p, "\n".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
                    return file;
                }
                default -> {
                    // a careful forger: the file changed and the manifest rewritten to match it
                    if (file.equals(LocalLayout.MANIFEST)) {
                        Files.write(p, "{}".getBytes(StandardCharsets.UTF_8));
                        return LocalLayout.MANIFEST;
                    }
                    byte[] changed = (Files.readString(p) + "# changed\n").getBytes(StandardCharsets.UTF_8);
                    Files.write(p, changed);
                    Path manifest = dir.resolve(LocalLayout.MANIFEST);
                    BackupManifest m = Documents.readJson(Files.readAllBytes(manifest), BackupManifest.class);
                    List<BackupManifest.FileEntry> entries = new ArrayList<>();
                    for (BackupManifest.FileEntry e : m.files()) {
                        entries.add(e.path().equals(file)
                                ? new BackupManifest.FileEntry(file, changed.length, LocalLayout.sha256(changed)) : e);
                    }
                    Files.write(manifest, Documents.json(new BackupManifest(m.format(), m.upgrade(), m.contentDigest(),
                            m.backups(), entries)));
                    return LocalLayout.MANIFEST;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void reset() {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            copy(pristine, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

}
