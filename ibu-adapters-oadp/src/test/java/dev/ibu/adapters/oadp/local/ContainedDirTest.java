package dev.ibu.adapters.oadp.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names never become paths outside the root; links are never followed; writes are atomic and private. */
class ContainedDirTest {
    @TempDir
    Path tmp;

    private ContainedDir dir() throws IOException {
        return new ContainedDir(Files.createDirectories(tmp.resolve("root")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/../../x", "/etc/passwd", ".hidden", "a//b", "a/", "x\u0000y", "a\\b",
            "-rf", "\u00e9t\u00e9", "a b"})
    void refuses_paths_that_are_not_plain_segments(String rel) throws IOException {
        ContainedDir d = dir();

        assertThatThrownBy(() -> d.write(rel, new byte[] {1})).isInstanceOf(IOException.class).hasMessageContaining("refused");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void refuses_names_longer_than_the_bound_and_accepts_the_bound() throws IOException {
        ContainedDir d = dir();
        String atBound = "a".repeat(SafeName.MAX_BYTES);

        d.write("ok/" + atBound, new byte[] {1});
        assertThatThrownBy(() -> d.write("ok/" + atBound + "b", new byte[] {1})).hasMessageContaining("longer than 200");
        assertThat(SafeName.segment("name of ConfigMap shop/x", "x".repeat(253)).getLeft())
                .contains("name of ConfigMap shop/x").contains("longer than 200 bytes");
    }

    @Test
    void does_not_follow_a_planted_link_for_writes_reads_or_deletes() throws IOException {
        ContainedDir d = dir();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("keep.txt"), "outside");
        Files.createSymbolicLink(d.root().resolve("link"), outside);
        Files.createSymbolicLink(d.root().resolve("file-link"), secret);

        assertThatThrownBy(() -> d.write("link/new.yaml", new byte[] {1})).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> d.read("link/keep.txt")).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> d.read("file-link")).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> d.write("file-link", new byte[] {1})).hasMessageContaining("not a regular file");
        assertThat(d.deleteTree("link")).isEmpty();
        assertThat(d.deleteTree("file-link")).isEmpty();

        assertThat(outside.resolve("new.yaml")).doesNotExist();
        assertThat(Files.readString(secret)).isEqualTo("outside");
        assertThat(d.root().resolve("link")).doesNotExist();
    }

    @Test
    void writes_replace_atomically_leave_no_temporary_file_and_are_private() throws IOException {
        ContainedDir d = dir();

        d.write("a/b/c.yaml", "one".getBytes(StandardCharsets.UTF_8));
        d.write("a/b/c.yaml", "two".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(d.read("a/b/c.yaml"), StandardCharsets.UTF_8)).isEqualTo("two");
        assertThat(d.children("a/b")).containsExactly("c.yaml");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(d.root().resolve("a/b/c.yaml")))).isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(d.root().resolve("a/b")))).isEqualTo("rwx------");
    }

    @Test
    void a_root_that_is_a_link_is_refused() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("root-link"), real);

        assertThatThrownBy(() -> new ContainedDir(link)).isInstanceOf(IOException.class);
    }
}
