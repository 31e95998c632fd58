package dev.ibu.adapters.host.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTarExtractorTest {

    @TempDir
    Path tmp;

    private final SafeTarExtractor extractor = new SafeTarExtractor(false);

    private Path target() {
        return tmp.resolve("target");
    }

    private void extract(TarFixture t) {
        extractor.extract(t.stream(), target(), new ExtractionBudget(new ExtractionLimits(1 << 20, 1000)));
    }

    @Test
    void unpacks_files_dirs_links_and_modes() throws IOException {
        extract(new TarFixture().dir("./etc", 0755).file("./etc/lab.conf", "x=1\n", 0640)
            .file("etc/run.sh", "#!/bin/sh\n", 04755)
            .symlink("etc/localtime", "/usr/share/zoneinfo/UTC").symlink("etc/rel", "../usr/lib/os-release")
            .hardlink("etc/copy.conf", "etc/lab.conf").dir("locked", 0500).file("locked/f", "in a 0500 dir"));
        Path etc = target().resolve("etc");
        assertThat(etc.resolve("lab.conf")).hasContent("x=1");
        assertThat(Files.getAttribute(etc.resolve("lab.conf"), "unix:mode")).isEqualTo(0100640);
        assertThat(Files.getAttribute(etc.resolve("run.sh"), "unix:mode")).isEqualTo(0104755);
        assertThat(Files.readSymbolicLink(etc.resolve("localtime"))).hasToString("/usr/share/zoneinfo/UTC");
        assertThat(Files.getAttribute(etc.resolve("copy.conf"), "unix:nlink")).isEqualTo(2);
        assertThat(target().resolve("locked/f")).hasContent("in a 0500 dir");
        assertThat(Files.getAttribute(target().resolve("locked"), "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(040500);
    }

    @Test
    void rejects_absolute_path_naming_the_entry() {
        assertThatThrownBy(() -> extract(new TarFixture().file("/etc/passwd", "root::0:0")))
            .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("\"/etc/passwd\" has an absolute path");
        assertThat(target().resolve("etc")).doesNotExist();
    }

    @Test
    void rejects_parent_traversal() {
        assertThatThrownBy(() -> extract(new TarFixture().file("var/../../evil", "x")))
            .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("\"var/../../evil\" contains \"..\"");
        assertThat(tmp.resolve("evil")).doesNotExist();
    }

    @Test
    void rejects_symlink_escaping_the_target() {
        assertThatThrownBy(() -> extract(new TarFixture().symlink("var/up", "../../../etc")))
            .isInstanceOf(UnsafeArchiveException.class)
            .hasMessageContaining("symlink \"var/up\" -> \"../../../etc\" points outside the extraction directory");
    }

    @Test
    void refuses_to_write_through_a_symlink_even_a_re_rooted_one() {
        assertThatThrownBy(() -> extract(new TarFixture().symlink("etc", "/").file("etc/passwd", "pwned")))
            .isInstanceOf(UnsafeArchiveException.class)
            .hasMessageContaining("\"etc/passwd\" would be written through the symlink \"etc\"");
    }

    @Test
    void rejects_hard_link_escaping_the_target() {
        assertThatThrownBy(() -> extract(new TarFixture().hardlink("shadow", "../../etc/shadow")))
            .isInstanceOf(UnsafeArchiveException.class)
            .hasMessageContaining("hard link \"shadow\" -> \"../../etc/shadow\" points outside");
        assertThatThrownBy(() -> extract(new TarFixture().hardlink("shadow2", "/etc/shadow")))
            .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("hard link \"shadow2\"");
    }

    @Test
    void rejects_device_files() {
        assertThatThrownBy(() -> extract(new TarFixture().device("dev/null")))
            .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("\"dev/null\" is a device file");
    }

    @Test
    void rejects_archives_over_the_size_limit_naming_the_entry() {
        TarFixture t = new TarFixture().file("a", "x".repeat(600)).file("b", "y".repeat(600));
        assertThatThrownBy(() -> extractor.extract(t.stream(), target(), new ExtractionBudget(new ExtractionLimits(1000, 10))))
            .isInstanceOf(UnsafeArchiveException.class)
            .hasMessageContaining("exceeds the size limit of 1000 bytes at entry \"b\"");
    }

    @Test
    void packer_output_round_trips_through_the_extractor() throws IOException {
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("a/b"));
        Files.writeString(src.resolve("a/b/f.txt"), "hello");
        Files.createSymbolicLink(src.resolve("a/link"), Path.of("b/f.txt"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TarPacker(Instant.parse("2024-01-01T00:00:00Z")).pack(src, "var", out, n -> true);
        extractor.extract(new java.io.ByteArrayInputStream(out.toByteArray()), target(),
            new ExtractionBudget(ExtractionLimits.SEED_DEFAULT));
        assertThat(target().resolve("var/a/link")).hasContent("hello");
        assertThat(Files.getLastModifiedTime(target().resolve("var/a/b/f.txt")).toInstant())
            .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }
}
