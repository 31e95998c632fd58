package dev.ibu.adapters.host.precache;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The node's shared container storage, as precache and its cleanup need it. */
public interface ImageStore {

    /**
     * @param names      {@code repo:tag} names (none: dangling)
     * @param repoDigests {@code repo@sha256:...} references of the same image
     */
    record StoredImage(String id, List<String> names, Instant created, List<String> repoDigests) {
        public StoredImage {
            names = List.copyOf(names);
            repoDigests = List.copyOf(repoDigests);
        }

        public StoredImage(String id, List<String> names, Instant created) {
            this(id, names, created, List.of());
        }

        public boolean dangling() {
            return names.isEmpty();
        }
    }

    /** Pulls {@code ref} into the store; throws with the tool's message on failure. */
    void pull(String ref, Optional<Path> authFile);

    boolean exists(String ref);

    /**
     * When {@code ref} is a manifest list in its registry, the architectures of its entries; empty for a single
     * image, or when the registry cannot be asked (the pull then tells).
     */
    Optional<List<String>> manifestListArchitectures(String ref, Optional<Path> authFile);

    /**
     * What the registry's manifest of {@code ref} says before pulling it (one request): the architectures when it is a
     * manifest list, else the digests of its layers (empty when unknown). Precache uses the layers to pull each shared
     * layer once: two pulls that need the same missing layer never run at the same time.
     */
    record RemoteManifest(Optional<List<String>> listedArchitectures, List<String> layers) {
        public RemoteManifest {
            layers = List.copyOf(layers);
        }
    }

    /** By default only the manifest-list check (no layers: pulls are then not ordered by layer). */
    default RemoteManifest remoteManifest(String ref, Optional<Path> authFile) {
        return new RemoteManifest(manifestListArchitectures(ref, authFile), List.of());
    }

    List<StoredImage> list();

    void remove(StoredImage image);

    /** The directory whose file system holds the images (for the usage threshold and free-space checks). */
    Path storageDir();
}
