package dev.ibu.adapters.host.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11's hostile-archive suite against the real extractor, as the stateroot setup runs it on a seed's
 * var.tgz: each case refuses with its exact message or leaves its exact tree, and the canary directory
 * outside the stateroot (the target of every link out) is left exactly as it was.
 */
class HostileArchiveTest {

    @TempDir
    static Path shared;

    static Path canary;

    static Stream<HostileArchives.Case> cases() throws IOException {
        canary = Files.createDirectories(shared.resolve("canary"));
        Files.writeString(canary.resolve("victim"), "untouched");
        return HostileArchives.all(canary.toString()).stream();
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_hostile_archive_has_its_exact_outcome_and_the_canary_is_untouched(HostileArchives.Case c) throws IOException {
        List<String> canaryBefore = snapshot(canary);
        Path stateroot = tmp.resolve("ostree/deploy/rhcos_4.16.0");
        StaterootVarTree.osInitSkeleton(stateroot);
        SafeTarExtractor extractor = dev.ibu.adapters.host.seed.SeedUnpacker.forVar(SafeTarExtractor.forCurrentUser());

        Optional<String> refusal;
        try (InputStream in = c.tar().get()) {
            extractor.extract(in, stateroot, new ExtractionBudget(HostileArchives.LIMITS));
            refusal = Optional.empty();
        } catch (UnsafeArchiveException e) {
            refusal = Optional.of(e.getMessage());
        }

        assertThat(refusal).as(c.what()).isEqualTo(c.refusal());
        assertThat(StaterootVarTree.describe(stateroot)).as(c.what()).containsExactlyElementsOf(c.tree());
        try (Stream<Path> s = Files.list(stateroot)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("nothing beside var/").containsExactly("var");
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("nothing beside the sysroot's ostree/").containsExactly("ostree");
        }
        assertThat(snapshot(canary)).isEqualTo(canaryBefore);
    }

    @org.junit.jupiter.api.Test
    void the_catalogue_has_at_least_30_cases_with_distinct_ids() {
        List<HostileArchives.Case> all = HostileArchives.all("/canary");
        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        assertThat(all.stream().map(HostileArchives.Case::id).distinct()).hasSameSizeAs(all);
    }

    static List<String> snapshot(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> {
                try {
                    return dir.relativize(p) + " " + Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        + " " + Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        + (Files.isRegularFile(p) ? " " + Files.readString(p) : "");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }
}
