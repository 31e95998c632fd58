package dev.ibu.adapters.host.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ibu.adapters.host.archive.ExtractionBudget;
import dev.ibu.adapters.host.archive.ExtractionLimits;
import dev.ibu.adapters.host.archive.SafeTarExtractor;
import dev.ibu.adapters.host.archive.TarPacker;
import dev.ibu.adapters.host.archive.UnsafeArchiveException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's single layer, streamed: nested archives land where they belong and are held to the same rules. */
class SeedUnpackerTest {

    @TempDir
    Path tmp;

    private SeedUnpacker.Destinations to() {
        return new SeedUnpacker.Destinations(tmp.resolve("ws/ostree"), tmp.resolve("sr"), tmp.resolve("ws/meta"));
    }

    private Path layer(Path backup) throws Exception {
        Path blob = tmp.resolve("layer.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(blob))) {
            new TarPacker(Instant.EPOCH).pack(backup, ".", out, n -> true);
        }
        return blob;
    }

    @Test
    void streams_each_part_to_its_place_and_reports_entries_in_order() throws Exception {
        Path backup = Files.createDirectories(tmp.resolve("backup"));
        Path repo = Files.createDirectories(tmp.resolve("repo/objects/ab"));
        Files.writeString(repo.resolve("cdef.file"), "object");
        Path var = Files.createDirectories(tmp.resolve("var/lib/x"));
        Files.writeString(var.resolve("f"), "var file");
        new TarPacker(null).packTgz(tmp.resolve("repo"), "", backup.resolve("ostree.tgz"), n -> true);
        new TarPacker(null).packTgz(tmp.resolve("var"), "var", backup.resolve("var.tgz"), n -> true);
        Files.writeString(backup.resolve("manifest.json"), "{}");
        Files.writeString(backup.resolve("unknown.bin"), "ignored");
        List<String> seen = new ArrayList<>();

        new SeedUnpacker(new SafeTarExtractor(false)).unpack(List.of(layer(backup)), to(),
            new ExtractionBudget(ExtractionLimits.SEED_DEFAULT), seen::add);

        assertThat(tmp.resolve("ws/ostree/objects/ab/cdef.file")).hasContent("object");
        assertThat(tmp.resolve("sr/var/lib/x/f")).hasContent("var file");
        assertThat(tmp.resolve("ws/meta/manifest.json")).hasContent("{}");
        assertThat(tmp.resolve("ws/meta/unknown.bin")).doesNotExist();
        assertThat(seen).containsExactly("manifest.json", "ostree.tgz", "var.tgz");
        assertThat(tmp.resolve("ws/meta/var.tgz")).as("never written to disk").doesNotExist();
    }

    @Test
    void a_hostile_member_of_a_nested_archive_is_refused_by_name() throws Exception {
        Path backup = Files.createDirectories(tmp.resolve("backup"));
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(
            Files.newOutputStream(backup.resolve("var.tgz"))))) {
            TarArchiveEntry e = new TarArchiveEntry("var/../../../etc/cron.d/evil", true);
            e.setSize(1);
            t.putArchiveEntry(e);
            t.write('x');
            t.closeArchiveEntry();
        }
        assertThatThrownBy(() -> new SeedUnpacker(new SafeTarExtractor(false)).unpack(List.of(layer(backup)), to(),
            new ExtractionBudget(ExtractionLimits.SEED_DEFAULT)))
            .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("\"var/../../../etc/cron.d/evil\" contains \"..\"");
    }

    @Test
    void the_size_limit_counts_nested_content() throws Exception {
        Path backup = Files.createDirectories(tmp.resolve("backup"));
        Path var = Files.createDirectories(tmp.resolve("var"));
        Files.write(var.resolve("big"), new byte[5000]);
        new TarPacker(null).packTgz(var, "var", backup.resolve("var.tgz"), n -> true);
        assertThatThrownBy(() -> new SeedUnpacker(new SafeTarExtractor(false)).unpack(List.of(layer(backup)), to(),
            new ExtractionBudget(new ExtractionLimits(4096, 100))))
            .hasMessageContaining("exceeds the size limit of 4096 bytes at entry \"var/big\"");
    }
}
