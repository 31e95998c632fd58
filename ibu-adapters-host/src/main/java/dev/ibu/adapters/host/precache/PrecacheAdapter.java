package dev.ibu.adapters.host.precache;

import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.seed.AuthFile;
import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.domain.ImageCleanup;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.PrecacheRequest;
import dev.ibu.ports.out.PrecacheStatus;
import dev.ibu.ports.out.PullSecret;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PrecachePort}: the seed's image list (written into the new stateroot by the setup) plus extra
 * images, pulled in the background after the container-storage cleanup the request asks for and a free-space check.
 * The cleanup keeps every image the container runtimes report in use or pinned ({@link NodeRuntime#runtimeImages()});
 * when they cannot say, it removes nothing and precache goes on (upstream requeues Prep instead; the free-space check
 * still refuses a storage too full to pull into). Images of a manifest list without an entry for the node's
 * architecture are skipped (upstream PR 7318).
 */
public final class PrecacheAdapter implements PrecachePort {

    static final String KEY = "precache";
    static final String NO_IMAGES = "no images specified for precaching";
    static final String STORAGE_PREPARED = "storage-prepared";
    private static final Logger LOG = LoggerFactory.getLogger(PrecacheAdapter.class);

    private final HostLayout layout;
    private final ImageStore store;
    private final PrecacheSettings settings;
    private final HostJobs jobs;
    private final NodeRuntime node;
    private final Optional<Path> defaultAuthFile;

    /**
     * @param node            the runtimes' images in use or pinned, the storage's usage, the CPU architecture
     *                        ({@link NodeRuntime#onHost} on a node)
     * @param defaultAuthFile auth file when no pull secret is given (the kubelet's config.json on a node)
     */
    public PrecacheAdapter(HostLayout layout, ImageStore store, PrecacheSettings settings, HostJobs jobs,
                           NodeRuntime node, Optional<Path> defaultAuthFile) {
        this.layout = layout;
        this.store = store;
        this.settings = settings;
        this.jobs = jobs;
        this.node = node;
        this.defaultAuthFile = defaultAuthFile;
    }

    @Override
    public Either<PortFailure, Void> start(PrecacheRequest request) {
        java.util.List<String> images;
        try {
            images = imagesFor(request.staterootName(), request.extraImages());
        } catch (RuntimeException e) {
            return Either.left(PortFailure.transientFailure("failed to read the precache list: " + e.getMessage()));
        }
        if (images.isEmpty()) {
            return Either.left(PortFailure.invalid(NO_IMAGES));
        }
        try {
            jobs.start(KEY, PrecacheRecord.encode(images, request.pullSecret(), request.cleanup()),
                work(images, request.pullSecret(), request.cleanup()));
        } catch (RuntimeException e) {
            return Either.left(PortFailure.transientFailure("failed to start precache: " + e.getMessage()));
        }
        return Either.right(null);
    }

    /**
     * Precache as a job: the storage cleanup once, then the pulls. A runner that takes over from one that died with its
     * agent skips the cleanup it finished (it could remove images pulled since) and every image already in the storage.
     */
    private HostJobs.Work work(java.util.List<String> images, Option<PullSecret> pullSecret, ImageCleanup cleanup) {
        return ctx -> {
            if (!ctx.done().contains(STORAGE_PREPARED)) {
                prepareStorage(cleanup);
                ctx.markDone(STORAGE_PREPARED);
            }
            try (AuthFile auth = AuthFile.write(pullSecret.toJavaOptional(), layout.workRoot().resolve("ibu-auth"))) {
                new PrecacheWorkload(store, settings, node.disk(), nodeArchitecture())
                    .run(images, auth.path().or(() -> defaultAuthFile), ctx::progress, ctx.resumed());
            }
        };
    }

    /** The node's architecture, or none when it cannot be told (then nothing is skipped: the pull tells). */
    private Optional<String> nodeArchitecture() {
        try {
            return Optional.of(node.architecture().get());
        } catch (RuntimeException e) {
            LOG.warn("cannot tell the node's CPU architecture ({}); no image is skipped for it", e.getMessage());
            return Optional.empty();
        }
    }

    java.util.List<String> imagesFor(String stateroot, List<String> extra) throws java.io.UncheckedIOException {
        Set<String> out = new LinkedHashSet<>();
        AtomicFiles.read(layout.inStaterootVar(stateroot, StaterootSetupJob.CONTAINERS_LIST)).ifPresent(s -> s.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add));
        extra.map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
        return java.util.List.copyOf(out);
    }

    /** The cleanup asked for (default: above 50%), then a clear refusal when the storage is still short of space. */
    private void prepareStorage(ImageCleanup cleanup) {
        cleanUp(cleanup);
        long free = node.disk().freeBytes(store.storageDir());
        if (free < settings.minFreeBytes()) {
            throw new IllegalStateException("not enough free space for precache in container storage " + store.storageDir()
                + ": " + free + " bytes free, at least " + settings.minFreeBytes() + " needed; remove unused images or "
                + "grow the file system, then start Prep again");
        }
    }

    /** host-and-image.md §5.1; the images kept are asked of the runtimes only when usage is above the threshold. */
    void cleanUp(ImageCleanup cleanup) {
        if (!cleanup.enabled()) {
            LOG.info("Automatic image cleanup is disabled");
            return;
        }
        int used = node.disk().usedPercent(store.storageDir());
        LOG.info("Disk usage of {} is currently {}%", store.storageDir(), used);
        if (used <= cleanup.thresholdPercent()) {
            return;
        }
        Set<String> keep;
        try {
            keep = node.runtimeImages().keep();
        } catch (RuntimeException e) {
            LOG.warn("Image cleanup skipped, no image removed: cannot tell which images are in use or pinned: {}; "
                + "free space in {} by hand if precache runs short of it", e.getMessage(), store.storageDir());
            return;
        }
        LOG.info("Performing automatic image cleanup to reduce container storage disk usage to be within threshold");
        StorageCleanup.Result r = StorageCleanup.run(store, cleanup.thresholdPercent(), keep,
            () -> node.disk().usedPercent(store.storageDir()));
        LOG.info("Image cleanup removed {} images; usage {}% -> {}%", r.removed().size(), r.usedBefore(), r.usedAfter());
    }

    @Override
    public Either<PortFailure, PrecacheStatus> status() {
        try {
            JobState s = jobs.state(KEY, request -> {
                PrecacheRecord r = PrecacheRecord.decode(request);
                return work(r.images(), r.pullSecret(), r.cleanup());
            });
            return Either.right(new PrecacheStatus(s, Option.ofOptional(ProgressFile.read(settings.statusFile()))));
        } catch (RuntimeException e) {
            return Either.left(PortFailure.transientFailure("failed to read the precache status: " + e.getMessage()));
        }
    }

    @Override
    public Either<PortFailure, Void> cleanup() {
        try {
            jobs.forget(KEY);
            Files.deleteIfExists(settings.statusFile());
            return Either.right(null);
        } catch (Exception e) {
            return Either.left(PortFailure.transientFailure("failed to clean up precache: " + e.getMessage()
                + "; delete " + settings.statusFile() + " by hand"));
        }
    }
}
