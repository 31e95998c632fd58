package dev.ibu.agent.ops;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * What {@code diagnose} collected: files by path inside the bundle, and notes on what could not be collected (written
 * as {@code summary.txt}). Every text that goes in has already passed the {@link Redactor}.
 */
final class Bundle {
    static final String ROOT = "ibu-diagnose/";

    private final Map<String, byte[]> files = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();

    void add(String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    void note(String line) {
        notes.add(line);
    }

    List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    java.util.Set<String> paths() {
        return Collections.unmodifiableSet(files.keySet());
    }

    /** Writes {@code file} (mode 0600 where the file system has modes) through a temp file and a rename. */
    void writeTarGz(Path file, Instant now) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".ibu-diagnose", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException noPosix) {
                // not a POSIX file system: keep the default
            }
            try (OutputStream out = Files.newOutputStream(tmp); GZIPOutputStream gz = new GZIPOutputStream(out);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Map.Entry<String, byte[]> e : withSummary(now).entrySet()) {
                    TarArchiveEntry entry = new TarArchiveEntry(ROOT + e.getKey());
                    entry.setSize(e.getValue().length);
                    entry.setMode(0600);
                    entry.setModTime(now.toEpochMilli());
                    tar.putArchiveEntry(entry);
                    tar.write(e.getValue());
                    tar.closeArchiveEntry();
                }
                tar.finish();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Map<String, byte[]> withSummary(Instant now) {
        StringBuilder sb = new StringBuilder("ibu-agent diagnose, collected at ").append(now).append("\n\nfiles:\n");
        files.keySet().forEach(p -> sb.append("  ").append(p).append('\n'));
        sb.append("\nnot collected:\n");
        if (notes.isEmpty()) {
            sb.append("  (nothing: every part was collected)\n");
        }
        notes.forEach(n -> sb.append("  - ").append(Redactor.text(n)).append('\n'));
        sb.append("\nSecrets are redacted: Secret data, credential-like keys and key=value pairs read \"")
                .append(Redactor.REDACTED).append("\".\n");
        Map<String, byte[]> all = new TreeMap<>(files);
        all.put("summary.txt", sb.toString().getBytes(StandardCharsets.UTF_8));
        return all;
    }
}
