package dev.ibu.agent.gather;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The must-gather directory: files under it by relative path, and the notes of what could not be collected. */
final class Output {
    private final Path dest;
    private final List<String> notes = new ArrayList<>();
    private int files;

    Output(Path dest) {
        this.dest = dest;
    }

    Path dest() {
        return dest;
    }

    /** Writes {@code relative} under the destination; an I/O error is fatal (the destination is not writable). */
    void write(String relative, String content) {
        write(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    void write(String relative, byte[] content) {
        Path file = dest.resolve(relative).normalize();
        if (!file.startsWith(dest)) {
            throw new IllegalArgumentException("path outside the destination: " + relative);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            files++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    void note(String what) {
        notes.add(what);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    int files() {
        return files;
    }
}
