package dev.ibu.agent.gather;

import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The must-gather directory: files under it by relative path, and the notes of what could not be collected. */
final class Output {
    /** YAML as {@code oc get -o yaml} prints it (few quotes, block literals), as diagnose writes it. */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.LITERAL_BLOCK_STYLE,
                    YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER, YAMLWriteFeature.SPLIT_LINES).build();

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

    /** Writes the (already redacted) objects as a {@code kind: List}. */
    void writeList(String relative, List<?> items) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        list.put("items", items);
        write(relative, YAML.writeValueAsString(list));
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
