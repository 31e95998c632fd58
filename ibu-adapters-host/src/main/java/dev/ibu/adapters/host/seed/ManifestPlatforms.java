package dev.ibu.adapters.host.seed;

import dev.ibu.adapters.host.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a registry manifest ({@code skopeo inspect --raw}): whether it is a manifest list (Docker distribution v2
 * manifest list or OCI image index) and, if so, the architectures of its entries (upstream PR 7318 does the same with
 * {@code podman manifest inspect}).
 */
public final class ManifestPlatforms {

    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    private ManifestPlatforms() {
    }

    /**
     * The entries' architectures when {@code rawManifest} is a manifest list (an OCI index may omit its mediaType:
     * then its {@code manifests} array tells); empty for a single image's manifest or text that is not JSON.
     */
    public static Optional<List<String>> listedArchitectures(String rawManifest) {
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(rawManifest);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (m == null || !m.isObject()) {
            return Optional.empty();
        }
        String mediaType = m.path("mediaType").asString("");
        boolean list = DOCKER_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType)
            || mediaType.isEmpty() && m.path("manifests").isArray() && !m.has("config");
        if (!list) {
            return Optional.empty();
        }
        List<String> archs = new ArrayList<>();
        for (JsonNode e : m.path("manifests")) {
            String a = e.path("platform").path("architecture").asString("");
            if (!a.isEmpty() && !"unknown".equals(a) && !archs.contains(a)) {
                archs.add(a); // "unknown": a buildx attestation entry, not an image
            }
        }
        return Optional.of(List.copyOf(archs));
    }

    /**
     * The layer digests of a single image's manifest (Docker schema 2 or OCI), in order; empty for a manifest list or
     * text that is not such a manifest.
     */
    public static List<String> layerDigests(String rawManifest) {
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(rawManifest);
        } catch (JacksonException e) {
            return List.of();
        }
        if (m == null || !m.isObject() || !m.path("layers").isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode l : m.path("layers")) {
            String d = l.path("digest").asString("");
            if (d.matches("sha256:[0-9a-f]{64}") && !out.contains(d)) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }
}
