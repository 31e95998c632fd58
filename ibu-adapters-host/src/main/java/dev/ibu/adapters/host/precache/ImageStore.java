package dev.ibu.adapters.host.precache;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The node's shared container storage, as precache and its cleanup need it. */
public interface ImageStore {

    record StoredImage(String id, List<String> names, Instant created) {
        public StoredImage {
            names = List.copyOf(names);
        }

        public boolean dangling() {
            return names.isEmpty();
        }
    }

    /** Pulls {@code ref} into the store; throws with the tool's message on failure. */
    void pull(String ref, Optional<Path> authFile);

    boolean exists(String ref);

    List<StoredImage> list();

    void remove(StoredImage image);

    /** The directory whose file system holds the images (for the usage threshold and free-space checks). */
    Path storageDir();
}
