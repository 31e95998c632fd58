package dev.ibu.ports.out;

import io.vavr.collection.List;

import java.util.Objects;

/** Warnings found while validating extra manifests or OADP content; errors are a {@link PortFailure} instead. */
public record ManifestValidation(List<String> warnings) {
    public static final ManifestValidation CLEAN = new ManifestValidation(List.empty());

    public ManifestValidation {
        Objects.requireNonNull(warnings);
    }
}
