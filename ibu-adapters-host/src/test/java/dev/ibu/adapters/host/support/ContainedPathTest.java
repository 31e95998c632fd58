package dev.ibu.adapters.host.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes below a base never follow a link out of it, whatever the tree below the base holds. */
class ContainedPathTest {

    @TempDir
    Path tmp;

    Path base;
    Path outside;

    @BeforeEach
    void dirs() throws IOException {
        base = Files.createDirectories(tmp.resolve("base"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(outside.resolve("victim"), "untouched");
    }

    private String outsideState() throws IOException {
        try (var s = Files.walk(outside)) {
            return s.map(p -> tmp.relativize(p) + ":" + perms(p)).sorted().toList().toString();
        }
    }

    private static String perms(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void writes_create_private_parents_and_a_private_file() throws IOException {
        AtomicFiles.write(ContainedPath.of(base, "a/b/f.json"), "{}");
        assertThat(base.resolve("a/b/f.json")).hasContent("{}");
        assertThat(perms(base.resolve("a/b/f.json"))).isEqualTo("rw-------");
        assertThat(perms(base.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(AtomicFiles.read(ContainedPath.of(base, "a/b/f.json"))).contains("{}");
        assertThat(AtomicFiles.read(ContainedPath.of(base, "a/none/f.json"))).isEmpty();
    }

    @Test
    void an_absolute_link_on_the_way_is_refused_and_nothing_outside_changes() throws IOException {
        String before = outsideState();
        Files.createDirectories(base.resolve("var"));
        Files.createSymbolicLink(base.resolve("var/lib"), outside);

        assertThatThrownBy(() -> AtomicFiles.write(ContainedPath.of(base, "var/lib/lca/ibu.json"), "{}"))
            .isInstanceOf(ContainedPath.EscapeException.class)
            .hasMessageContaining("refusing to go through " + base.resolve("var/lib"))
            .hasMessageContaining("is a symbolic link");
        assertThatThrownBy(() -> AtomicFiles.read(ContainedPath.of(base, "var/lib/victim")))
            .isInstanceOf(ContainedPath.EscapeException.class);
        assertThatThrownBy(() -> AtomicFiles.delete(ContainedPath.of(base, "var/lib/victim")))
            .isInstanceOf(ContainedPath.EscapeException.class);
        assertThatThrownBy(() -> AtomicFiles.deleteTree(ContainedPath.of(base, "var/lib/victim")))
            .isInstanceOf(ContainedPath.EscapeException.class);
        assertThat(outsideState()).isEqualTo(before);
    }

    @Test
    void a_chain_of_relative_links_is_refused_at_its_first_link() throws IOException {
        String before = outsideState();
        Files.createDirectories(base.resolve("x/y"));
        Files.createSymbolicLink(base.resolve("x/y/up"), Path.of("../.."));   // = base, inside as text
        Files.createSymbolicLink(base.resolve("hop"), Path.of("x/y/up/../outside")); // chained: leaves base
        assertThatThrownBy(() -> AtomicFiles.write(ContainedPath.of(base, "hop/ibu.json"), "{}"))
            .isInstanceOf(ContainedPath.EscapeException.class).hasMessageContaining(base.resolve("hop") + " is a symbolic link");
        assertThatThrownBy(() -> AtomicFiles.write(ContainedPath.of(base, "x/y/up/x/f"), "{}"))
            .isInstanceOf(ContainedPath.EscapeException.class).hasMessageContaining(base.resolve("x/y/up") + " is a symbolic link");
        assertThat(outsideState()).isEqualTo(before);
    }

    @Test
    void a_file_on_the_way_is_refused() throws IOException {
        Files.writeString(base.resolve("plain"), "x");
        assertThatThrownBy(() -> AtomicFiles.write(ContainedPath.of(base, "plain/f"), "{}"))
            .isInstanceOf(ContainedPath.EscapeException.class).hasMessageContaining("is not a directory");
    }

    @Test
    void a_link_in_the_files_place_is_replaced_not_written_through_and_never_read() throws IOException {
        String before = outsideState();
        Files.createSymbolicLink(base.resolve("ibu.json"), outside.resolve("victim"));
        assertThatThrownBy(() -> AtomicFiles.read(ContainedPath.of(base, "ibu.json")))
            .isInstanceOf(ContainedPath.EscapeException.class);

        AtomicFiles.write(ContainedPath.of(base, "ibu.json"), "{}");

        assertThat(Files.isSymbolicLink(base.resolve("ibu.json"))).isFalse();
        assertThat(base.resolve("ibu.json")).hasContent("{}");
        assertThat(outside.resolve("victim")).hasContent("untouched");
        Files.createSymbolicLink(base.resolve("gone"), outside.resolve("victim"));
        AtomicFiles.delete(ContainedPath.of(base, "gone"));
        assertThat(base.resolve("gone")).doesNotExist();
        assertThat(outsideState()).isEqualTo(before);
    }

    @Test
    void a_tree_holding_links_out_is_deleted_without_following_them() throws IOException {
        String before = outsideState();
        Files.createDirectories(base.resolve("bundles/sub"));
        Files.createSymbolicLink(base.resolve("bundles/sub/out"), outside);
        Files.createSymbolicLink(base.resolve("bundles/victim"), outside.resolve("victim"));
        AtomicFiles.deleteTree(ContainedPath.of(base, "bundles"));
        assertThat(base.resolve("bundles")).doesNotExist();
        assertThat(outsideState()).isEqualTo(before);
    }

    @Test
    void shared_files_are_0644_and_leave_their_directory_alone() throws IOException {
        Files.createDirectories(base.resolve("deploy"));
        Files.setPosixFilePermissions(base.resolve("deploy"), PosixFilePermissions.fromString("rwxr-xr-x"));
        AtomicFiles.writeShared(ContainedPath.of(base, "deploy/x.origin"), "[origin]\n".getBytes());
        assertThat(perms(base.resolve("deploy/x.origin"))).isEqualTo("rw-r--r--");
        assertThat(perms(base.resolve("deploy"))).isEqualTo("rwxr-xr-x");
        assertThatThrownBy(() -> AtomicFiles.writeShared(ContainedPath.of(base, "missing/x.origin"), new byte[0]))
            .hasMessageContaining("missing");
    }

    @Test
    void only_plain_relative_paths_are_contained_paths() {
        for (String bad : new String[] {"", "/etc/passwd", "a/../../b", "./a", "a//b", "a/", ".."}) {
            assertThatThrownBy(() -> ContainedPath.of(base, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ContainedPath.of(Path.of("rel"), "a")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ContainedPath.of(base, "a").resolve("b/c").path()).isEqualTo(base.resolve("a/b/c"));
    }
}
