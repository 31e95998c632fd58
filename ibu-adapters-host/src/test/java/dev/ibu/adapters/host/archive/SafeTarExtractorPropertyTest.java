package dev.ibu.adapters.host.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ibu.adapters.host.support.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Whatever a hostile archive holds (names with "..", ".", leading "/", symlinks and hard links to such
 * names, in any order), unpacking it either refuses or writes only inside the target, and leaves no
 * link that escapes it. A naive extractor fails the same property (canary).
 */
class SafeTarExtractorPropertyTest {

    record Entry(int kind, String name, String target) {
        @Override
        public String toString() {
            return List.of("file", "dir", "symlink", "hardlink").get(kind) + " " + name + (kind >= 2 ? " -> " + target : "");
        }
    }

    private static Gen<String> names(boolean allowAbsolute) {
        Gen<String> segment = arbitrary().pick(List.of("a", "b", "..", ".", "c"));
        Gen<String> rel = lists().of(segment).ofSizeBetween(1, 4).map(l -> String.join("/", l));
        if (!allowAbsolute) {
            return rel;
        }
        return rel.zip(integers().between(0, 4), (n, k) -> k == 0 ? "/" + n : n);
    }

    private static Gen<List<Entry>> archives(boolean allowAbsolute) {
        Gen<Entry> entry = integers().between(0, 3).zip(names(allowAbsolute), names(allowAbsolute), Entry::new);
        return lists().of(entry).ofSizeBetween(1, 8);
    }

    private static byte[] tar(List<Entry> entries) {
        TarFixture t = new TarFixture();
        for (Entry e : entries) {
            switch (e.kind()) {
                case 0 -> t.file(e.name(), "x");
                case 1 -> t.dir(e.name(), 0755);
                case 2 -> t.symlink(e.name(), e.target());
                default -> t.hardlink(e.name(), e.target());
            }
        }
        return t.stream().readAllBytes();
    }

    /** Runs {@code unpack} in a fresh sandbox and checks nothing outside target changed and no link escapes. */
    private static void check(List<Entry> entries, BiConsumer<byte[], Path> unpack) {
        Path sandbox = null;
        try {
            sandbox = Files.createTempDirectory("tar-prop");
            Path target = Files.createDirectories(sandbox.resolve("l1/l2/l3/l4/target"));
            List<String> before = listing(sandbox, target);
            try {
                unpack.accept(tar(entries), target);
            } catch (UnsafeArchiveException refused) {
                // refusing is always allowed
            } catch (UncheckedIOException io) {
                // e.g. replacing a directory: also a refusal, as long as nothing escaped
            }
            assertThat(listing(sandbox, target)).as("nothing outside the target changed for %s", entries).isEqualTo(before);
            try (Stream<Path> s = Files.walk(target)) {
                for (Path p : s.filter(Files::isSymbolicLink).toList()) {
                    String rel = target.relativize(p).toString();
                    assertThat(EntryPaths.escapes(rel, Files.readSymbolicLink(p).toString()))
                        .as("link %s escapes, for %s", rel, entries).isFalse();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (sandbox != null) {
                AtomicFiles.deleteTree(sandbox);
            }
        }
    }

    private static List<String> listing(Path sandbox, Path target) throws IOException {
        try (Stream<Path> s = Files.walk(sandbox)) {
            return s.filter(p -> !p.startsWith(target) || p.equals(target)).map(Path::toString).sorted()
                .collect(Collectors.toList());
        }
    }

    @Test
    void hostile_archives_never_write_outside_the_target() {
        SafeTarExtractor x = new SafeTarExtractor(false);
        qt().withFixedSeed(20261125L).withExamples(200).forAll(archives(true)).checkAssert(entries -> check(entries,
            (bytes, target) -> x.extract(new ByteArrayInputStream(bytes), target,
                new ExtractionBudget(new ExtractionLimits(1 << 20, 100)))));
    }

    /** Canary: an extractor that trusts names (relative ones only, so the sandbox holds it) breaks the property. */
    @Test
    void a_naive_extractor_fails_the_property() {
        BiConsumer<byte[], Path> naive = (bytes, target) -> {
            try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new ByteArrayInputStream(bytes))) {
                org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path dest = target.resolve(e.getName()).normalize();
                    Files.createDirectories(dest.getParent());
                    if (e.isDirectory()) {
                        Files.createDirectories(dest);
                    } else if (!e.isSymbolicLink() && !e.isLink() && !Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                        Files.write(dest, tar.readAllBytes());
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // a crash is not the point; what it wrote is
            }
        };
        assertThatThrownBy(() -> qt().withFixedSeed(7L).withExamples(300).withShrinkCycles(3).forAll(archives(false)).checkAssert(entries -> check(entries, naive)))
            .isInstanceOf(AssertionError.class).hasMessageContaining("nothing outside the target changed");
    }
}
