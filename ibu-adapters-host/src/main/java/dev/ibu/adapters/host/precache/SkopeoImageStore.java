package dev.ibu.adapters.host.precache;

import dev.ibu.adapters.host.support.Json;
import dev.ibu.adapters.host.seed.ManifestPlatforms;
import dev.ibu.adapters.host.seed.SkopeoClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Container storage driven with skopeo ({@code containers-storage:} transport) instead of podman: pull
 * with {@code skopeo copy}, presence with {@code skopeo inspect --raw}, removal with {@code skopeo delete};
 * the image list is read from the store's own {@code <driver>-images/images.json}.
 */
public final class SkopeoImageStore implements ImageStore {

    private static final Logger LOG = LoggerFactory.getLogger(SkopeoImageStore.class);

    private final SkopeoClient skopeo;
    private final Path graphRoot;
    private final String driver;

    /** {@code skopeo} must already carry the storage configuration (CONTAINERS_STORAGE_CONF) if not the default. */
    public SkopeoImageStore(SkopeoClient skopeo, Path graphRoot, String driver) {
        this.skopeo = skopeo;
        this.graphRoot = graphRoot;
        this.driver = driver;
    }

    @Override
    public void pull(String ref, Optional<Path> authFile) {
        skopeo.copy("docker://" + ref, "containers-storage:" + ref, authFile);
    }

    @Override
    public boolean exists(String ref) {
        return skopeo.exists("containers-storage:" + ref);
    }

    @Override
    public Optional<List<String>> manifestListArchitectures(String ref, Optional<Path> authFile) {
        try {
            return ManifestPlatforms.listedArchitectures(skopeo.rawManifest(ref, authFile));
        } catch (RuntimeException e) {
            LOG.debug("skopeo inspect --raw failed for {} (will attempt pull): {}", ref, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public RemoteManifest remoteManifest(String ref, Optional<Path> authFile) {
        try {
            String raw = skopeo.rawManifest(ref, authFile);
            return new RemoteManifest(ManifestPlatforms.listedArchitectures(raw), ManifestPlatforms.layerDigests(raw));
        } catch (RuntimeException e) {
            LOG.debug("skopeo inspect --raw failed for {} (will attempt pull): {}", ref, e.getMessage());
            return new RemoteManifest(Optional.empty(), List.of());
        }
    }

    @Override
    public List<StoredImage> list() {
        Path f = graphRoot.resolve(driver + "-images/images.json");
        if (!Files.exists(f)) {
            return List.of();
        }
        try {
            List<StoredImage> out = new ArrayList<>();
            for (JsonNode n : Json.MAPPER.readTree(Files.readString(f))) {
                List<String> names = new ArrayList<>();
                n.path("names").forEach(x -> names.add(x.asString()));
                List<String> digests = new ArrayList<>();
                n.path("digests").forEach(x -> digests.add(x.asString()));
                if (digests.isEmpty() && !n.path("digest").asString("").isEmpty()) {
                    digests.add(n.path("digest").asString());
                }
                String created = n.path("created").asString("");
                out.add(new StoredImage(n.path("id").asString(), names,
                    created.isEmpty() ? Instant.EPOCH : Instant.parse(created), repoDigests(names, digests)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image list " + f, e);
        }
    }

    /** {@code repo@digest} for each repository the names are in and each digest of the image. */
    static List<String> repoDigests(List<String> names, List<String> digests) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            int at = name.indexOf('@');
            int colon = name.lastIndexOf(':');
            String repo = at >= 0 ? name.substring(0, at) : colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
            for (String d : digests) {
                if (!out.contains(repo + "@" + d)) {
                    out.add(repo + "@" + d);
                }
            }
        }
        return out;
    }

    @Override
    public void remove(StoredImage image) {
        skopeo.delete("containers-storage:" + (image.dangling() ? image.id() : image.names().get(0)));
    }

    @Override
    public Path storageDir() {
        return graphRoot;
    }
}
