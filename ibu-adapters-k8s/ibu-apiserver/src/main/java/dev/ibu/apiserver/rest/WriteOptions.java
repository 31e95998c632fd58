package dev.ibu.apiserver.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * How a write is done: {@code dryRun=All} (admitted, never persisted), {@code fieldValidation} (Strict refuses unknown
 * fields, Warn reports them in Warning headers, Ignore drops them silently), and the warnings collected.
 */
public record WriteOptions(boolean dryRun, String fieldValidation, List<String> warnings) {
    public WriteOptions {
        fieldValidation = fieldValidation == null || fieldValidation.isEmpty() ? "Warn" : fieldValidation;
    }

    public static WriteOptions defaults() {
        return new WriteOptions(false, "Warn", new ArrayList<>());
    }
}
