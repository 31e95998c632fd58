package dev.ibu.domain;

import io.vavr.control.Option;

/**
 * {@code spec.seedImageRef}: the target version, the seed image pull spec and an optional pull secret name. Empty
 * strings stand for absent fields (upstream always serialises the struct).
 */
public record SeedImageRef(String version, String image, Option<String> pullSecretName) {
    public static final SeedImageRef EMPTY = new SeedImageRef("", "", Option.none());

    public SeedImageRef {
        version = version == null ? "" : version;
        image = image == null ? "" : image;
        pullSecretName = pullSecretName == null ? Option.none() : pullSecretName;
    }
}
