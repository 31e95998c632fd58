package dev.ibu.ports.testkit;

import dev.ibu.domain.ImageCleanup;
import io.vavr.collection.List;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's shared container storage as precache and its cleanup see it (host-and-image.md §5.1), with the host
 * adapter's semantics: images in insertion order (oldest first), each flagged pinned or in use as the container
 * runtime reports it; usage in percent, each image worth {@code percentPerImage}. The cleanup removes unused images
 * (dangling first is not modelled: every image here has a name) in batches of 5, re-checking usage after each batch,
 * while usage is strictly above the threshold; when the runtime cannot say which images are in use or pinned
 * ({@link #runtimeAnswers(boolean)}), it removes nothing. Not thread-safe: the owner ({@link InMemoryPrecache})
 * holds the host's lock.
 */
final class InMemoryImageStorage {
    static final int BATCH = 5;

    private record Stored(boolean pinned, boolean inUse) {
    }

    private final Map<String, Stored> images = new LinkedHashMap<>();
    private int baseUsagePercent;
    private int percentPerImage;
    private boolean runtimeAnswers = true;
    private final java.util.List<String> removed = new ArrayList<>();

    void add(String image, boolean pinned, boolean inUse) {
        images.put(image, new Stored(pinned, inUse));
    }

    boolean has(String image) {
        return images.containsKey(image);
    }

    /** Usage is {@code base + percentPerImage * images}, capped at 100. */
    void usage(int base, int perImage) {
        baseUsagePercent = base;
        percentPerImage = perImage;
    }

    int usedPercent() {
        return (int) Math.min(100, baseUsagePercent + (long) percentPerImage * images.size());
    }

    void runtimeAnswers(boolean answers) {
        runtimeAnswers = answers;
    }

    List<String> images() {
        return List.ofAll(images.keySet());
    }

    List<String> removed() {
        return List.ofAll(removed);
    }

    /** The cleanup at the start of a precache job; returns what it removed. */
    List<String> cleanup(ImageCleanup cleanup) {
        if (!cleanup.enabled() || usedPercent() <= cleanup.thresholdPercent() || !runtimeAnswers) {
            return List.empty();
        }
        List<String> candidates = List.ofAll(images.entrySet()).filter(e -> !e.getValue().pinned()
                && !e.getValue().inUse()).map(Map.Entry::getKey);
        List<String> gone = List.empty();
        for (List<String> batch : candidates.grouped(BATCH)) {
            batch.forEach(images::remove);
            gone = gone.appendAll(batch);
            if (usedPercent() <= cleanup.thresholdPercent()) {
                break;
            }
        }
        removed.addAll(gone.asJava());
        return gone;
    }
}
