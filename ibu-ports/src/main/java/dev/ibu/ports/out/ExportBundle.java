package dev.ibu.ports.out;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;

import java.util.Objects;

/**
 * Files carried across the pivot (exported Restore CRs, DPA, extra manifests): a name (a relative path such as
 * {@code 1/restore-apps.yaml}, the first segment being the apply wave group) to its text.
 */
public record ExportBundle(Map<String, String> files) {
    public static final ExportBundle EMPTY = new ExportBundle(LinkedHashMap.empty());

    public ExportBundle {
        Objects.requireNonNull(files);
        files.keySet().forEach(ExportBundle::checkName);
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("..") || name.contains("\\")) {
            throw new IllegalArgumentException("invalid export file name: " + name);
        }
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** Names only: a bundle can carry Secrets (the OADP credentials), which must never reach a log. */
    @Override
    public String toString() {
        return "ExportBundle" + files.keySet().toList().sorted() + " (contents redacted)";
    }
}
