package dev.ibu.adapters.host.precache;

import dev.ibu.adapters.host.support.Json;
import dev.ibu.adapters.host.seed.SkopeoClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Container storage driven with skopeo ({@code containers-storage:} transport) instead of podman: pull
 * with {@code skopeo copy}, presence with {@code skopeo inspect --raw}, removal with {@code skopeo delete};
 * the image list is read from the store's own {@code <driver>-images/images.json}.
 */
public final class SkopeoImageStore implements ImageStore {

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
                String created = n.path("created").asString("");
                out.add(new StoredImage(n.path("id").asString(), names,
                    created.isEmpty() ? Instant.EPOCH : Instant.parse(created)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image list " + f, e);
        }
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
