package dev.ibu.adapters.host.precache;

import dev.ibu.adapters.host.process.HostCommandException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
     * With {@code skipStored} (a runner resuming a job whose earlier runner died), images already in the storage count
     * as pulled and are not pulled again: only what is missing is.
     */
    public void run(List<String> images, Optional<Path> authFile, Consumer<String> progress, boolean skipStored)
        throws InterruptedException {
        List<String> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int[] pulled = {0};
        AtomicBoolean diskFull = new AtomicBoolean();
        ProgressFile.write(settings.statusFile(), images.size(), 0, List.of());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.concurrency(), Math.max(1, images.size())));
        try {
            for (String img : images) {
                pool.submit(() -> {
                    boolean isStored = !diskFull.get() && skipStored && stored(img);
                    boolean skip = !diskFull.get() && !isStored && lacksNodeArchitecture(img, authFile);
                    boolean ok = !diskFull.get() && (isStored || skip || pullWithRetries(img, authFile, diskFull));
                    synchronized (failed) {
                        if (skip) {
                            skipped.add(img);
                        } else if (ok) {
                            pulled[0]++;
                        } else {
                            failed.add(img);
                        }
                        ProgressFile.write(settings.statusFile(), images.size(), pulled[0], failed, skipped);
                        progress.accept(new dev.ibu.ports.out.PrecacheProgress(images.size(), pulled[0], failed.size(),
                            skipped.size()).message());
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(7, TimeUnit.DAYS);
        } finally {
            pool.shutdownNow();
        }
        synchronized (failed) {
            ProgressFile.write(settings.statusFile(), images.size(), pulled[0], failed, skipped);
            validate(failed, diskFull.get());
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
    private boolean lacksNodeArchitecture(String img, Optional<Path> authFile) {
        if (nodeArchitecture.isEmpty()) {
            return false;
        }
        Optional<List<String>> listed = store.manifestListArchitectures(img, authFile);
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
