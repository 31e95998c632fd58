package dev.ibu.adapters.host.precache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container-storage cleanup at Prep (host-and-image.md §5.1): above the threshold (default 50%),
 * delete unused images, dangling first then oldest, in batches of 5, re-checking usage after each
 * batch and stopping as soon as usage is at or under the threshold.
 */
public final class StorageCleanup {

    static final int BATCH = 5;
    static final String NOT_ENOUGH = "WARNING: Unable to clean enough images to get container storage usage under threshold";
    private static final Logger LOG = LoggerFactory.getLogger(StorageCleanup.class);

    public record Result(int usedBefore, int usedAfter, List<String> removed, boolean underThreshold) {
    }

    private StorageCleanup() {
    }

    /**
     * @param keep ids ({@code sha256:} prefix or not), names or repo digests of images in use or pinned; never removed
     * @param usedPercent current usage of the store's file system
     */
    public static Result run(ImageStore store, int thresholdPercent, Set<String> keep, IntSupplier usedPercent) {
        int before = usedPercent.getAsInt();
        if (before <= thresholdPercent) {
            return new Result(before, before, List.of(), true);
        }
        Set<String> kept = keep.stream().map(StorageCleanup::bareId).collect(java.util.stream.Collectors.toSet());
        List<ImageStore.StoredImage> candidates = new ArrayList<>(store.list().stream()
            .filter(i -> !kept(i, kept)).toList());
        candidates.sort(Comparator.comparing((ImageStore.StoredImage i) -> !i.dangling())
            .thenComparing(ImageStore.StoredImage::created));
        List<String> removed = new ArrayList<>();
        int now = before;
        for (int i = 0; i < candidates.size() && now > thresholdPercent; i += BATCH) {
            for (ImageStore.StoredImage img : candidates.subList(i, Math.min(i + BATCH, candidates.size()))) {
                try {
                    store.remove(img);
                    removed.add(img.dangling() ? img.id() : img.names().get(0));
                } catch (RuntimeException e) {
                    LOG.info("could not remove image {}: {}", img.id(), e.getMessage()); // upstream ignores rmi errors
                }
            }
            now = usedPercent.getAsInt();
        }
        if (now > thresholdPercent) {
            LOG.warn(NOT_ENOUGH);
        }
        return new Result(before, now, removed, now <= thresholdPercent);
    }

    /** Upstream's isImageUsed: the id, a tag, a repo digest or a name is in the list (ids compared without "sha256:"). */
    static boolean kept(ImageStore.StoredImage i, Set<String> keep) {
        return keep.contains(bareId(i.id())) || i.names().stream().anyMatch(keep::contains)
            || i.repoDigests().stream().anyMatch(keep::contains);
    }

    private static String bareId(String s) {
        return s.startsWith("sha256:") && s.indexOf('/') < 0 ? s.substring(7) : s;
    }
}
