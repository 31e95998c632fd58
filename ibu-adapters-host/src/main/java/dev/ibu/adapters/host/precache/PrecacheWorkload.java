package dev.ibu.adapters.host.precache;

import dev.ibu.adapters.host.process.HostCommandException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls a list of images with at most {@code concurrency} in flight and retries with backoff, writing
 * progress after every image (upstream {@code lca-cli ibu-precache-workload}, host-and-image.md §5.4).
 */
public final class PrecacheWorkload {

    public static final String FAILED = "failed to pre-cache one or more images";
    private static final Logger LOG = LoggerFactory.getLogger(PrecacheWorkload.class);

    private final ImageStore store;
    private final PrecacheSettings settings;
    private final DiskUsage disk;
    private final Optional<String> nodeArchitecture;

    /** Pulls every image, whatever its manifest lists. */
    public PrecacheWorkload(ImageStore store, PrecacheSettings settings) {
        this(store, settings, DiskUsage.statfs(), Optional.empty());
    }

    /**
     * @param nodeArchitecture when present, an image that is a manifest list without an entry for it is skipped
     *                         (counted, neither pulled nor failed: upstream PR 7318)
     */
    public PrecacheWorkload(ImageStore store, PrecacheSettings settings, DiskUsage disk,
                            Optional<String> nodeArchitecture) {
        this.store = store;
        this.settings = settings;
        this.disk = disk;
        this.nodeArchitecture = nodeArchitecture;
    }

    public void run(List<String> images, Optional<Path> authFile, Consumer<String> progress) throws InterruptedException {
        run(images, authFile, progress, false);
    }

    /**
     * Images already in the storage are skipped (counted as pulled; upstream's {@code podman image exists}), read from
     * the store's image list once; with {@code skipStored} (a runner resuming a job whose earlier runner died) an image
     * not named in that list is also asked of the store one by one. At most {@code concurrency} pulls run at a time, and
     * two pulls that need the same layer not yet stored never run together: the later one waits for the earlier, then
     * reuses the layer instead of fetching it again (each shared layer comes from the registry once).
     */
    public void run(List<String> images, Optional<Path> authFile, Consumer<String> progress, boolean skipStored)
        throws InterruptedException {
        Tally tally = new Tally(images.size(), progress);
        ProgressFile.write(settings.statusFile(), images.size(), 0, List.of());
        Set<String> storedRefs = storedRefs();
        LayerSchedule schedule = new LayerSchedule(settings.concurrency());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.concurrency(), Math.max(1, images.size())));
        AtomicBoolean diskFull = new AtomicBoolean();
        try {
            for (String img : images) {
                schedule.admit(); // a slot: at most `concurrency` images are inspected or pulled at a time
                pool.submit(() -> {
                    try {
                        first(img, authFile, skipStored, storedRefs, diskFull, tally, schedule);
                    } finally {
                        schedule.release();
                    }
                });
            }
            for (LayerSchedule.Waiting w; (w = schedule.nextWaiting()) != null; ) {
                LayerSchedule.Waiting next = w;
                pool.submit(() -> {
                    try {
                        pull(next.image(), next.layers(), authFile, diskFull, tally, schedule);
                    } finally {
                        schedule.release();
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(7, TimeUnit.DAYS);
        } finally {
            pool.shutdownNow();
        }
        tally.finish(diskFull.get());
    }

    /** An image's first turn: skipped when stored or not built for the node; else pulled now, or later (see LayerSchedule). */
    private void first(String img, Optional<Path> authFile, boolean skipStored, Set<String> storedRefs,
                       AtomicBoolean diskFull, Tally tally, LayerSchedule schedule) {
        if (diskFull.get()) {
            tally.failed(img);
            return;
        }
        if (storedRefs.contains(img) || skipStored && stored(img)) {
            tally.pulled();
            return;
        }
        ImageStore.RemoteManifest manifest = store.remoteManifest(img, authFile);
        if (lacksNodeArchitecture(img, manifest)) {
            tally.skipped(img);
            return;
        }
        if (schedule.claimOrDefer(img, manifest.layers())) {
            pull(img, manifest.layers(), authFile, diskFull, tally, schedule);
        }
    }

    /** A pull of an image whose missing layers this runner claimed; the claim ends here. */
    private void pull(String img, List<String> layers, Optional<Path> authFile, AtomicBoolean diskFull, Tally tally,
                      LayerSchedule schedule) {
        boolean ok = false;
        try {
            ok = !diskFull.get() && pullWithRetries(img, authFile, diskFull);
        } finally {
            schedule.done(layers, ok);
        }
        if (ok) {
            tally.pulled();
        } else {
            tally.failed(img);
        }
    }

    /** The refs the store already holds (names and repo digests), read once; none when the list cannot be read. */
    private Set<String> storedRefs() {
        try {
            Set<String> out = new HashSet<>();
            for (ImageStore.StoredImage i : store.list()) {
                out.addAll(i.names());
                out.addAll(i.repoDigests());
            }
            return out;
        } catch (RuntimeException e) {
            LOG.info("cannot read the stored image list ({}); every image is pulled", e.getMessage());
            return Set.of();
        }
    }

    /** Counts and progress, written after every image. */
    private final class Tally {
        private final int total;
        private final Consumer<String> progress;
        private final List<String> failed = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private int pulled;

        Tally(int total, Consumer<String> progress) {
            this.total = total;
            this.progress = progress;
        }

        synchronized void pulled() {
            pulled++;
            report();
        }

        synchronized void failed(String img) {
            failed.add(img);
            report();
        }

        synchronized void skipped(String img) {
            skipped.add(img);
            report();
        }

        private void report() {
            ProgressFile.write(settings.statusFile(), total, pulled, failed, skipped);
            progress.accept(new dev.ibu.ports.out.PrecacheProgress(total, pulled, failed.size(), skipped.size()).message());
        }

        synchronized void finish(boolean diskFull) {
            ProgressFile.write(settings.statusFile(), total, pulled, failed, skipped);
            validate(failed, diskFull);
        }
    }

    private void validate(List<String> failed, boolean diskFull) {
        if (diskFull) {
            throw new IllegalStateException("precache stopped: no space left on device in container storage "
                + store.storageDir() + " (" + disk.freeBytes(store.storageDir()) + " bytes free, " + failed.size()
                + " images not pulled); free space on that file system, then start Prep again");
        }
        // a failed image may have arrived as part of another pull
        List<String> missing = failed.stream().filter(i -> !store.exists(i)).toList();
        if (!missing.isEmpty() && !settings.bestEffort()) {
            throw new IllegalStateException(FAILED + ": " + String.join(", ", missing));
        }
    }

    /** A manifest list without an entry for the node's architecture: nothing to pull (podman would fail, exit 125). */
    private boolean lacksNodeArchitecture(String img, ImageStore.RemoteManifest manifest) {
        if (nodeArchitecture.isEmpty()) {
            return false;
        }
        Optional<List<String>> listed = manifest.listedArchitectures();
        if (listed.isPresent() && !listed.get().contains(nodeArchitecture.get())) {
            LOG.info("Skipping image {}: not available for architecture {}", img, nodeArchitecture.get());
            return true;
        }
        return false;
    }

    private boolean stored(String img) {
        try {
            return store.exists(img);
        } catch (RuntimeException e) {
            LOG.info("cannot tell whether {} is stored ({}); pulling it", img, e.getMessage());
            return false;
        }
    }

    private boolean pullWithRetries(String img, Optional<Path> authFile, AtomicBoolean diskFull) {
        Duration pause = settings.firstBackoff();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                store.pull(img, authFile);
                return true;
            } catch (HostCommandException e) {
                String err = e.stderr();
                LOG.info("Attempt {}/{}: Failed to pull {}: {}", attempt, settings.attempts(), img, err.strip());
                if (err.contains("no space left on device")) {
                    diskFull.set(true);
                    return false;
                }
                if (err.contains("manifest unknown") || attempt == settings.attempts()) {
                    return false;
                }
            }
            if (!sleep(pause)) {
                return false;
            }
            pause = pause.multipliedBy(2);
        }
        return false;
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
