package dev.ibu.adapters.host.precache;

import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.seed.AuthFile;
import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PrecachePort;
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
import java.util.function.Supplier;

/**
 * {@link PrecachePort}: the seed's image list (written into the new stateroot by the setup) plus extra
 * images, pulled in the background after the container-storage cleanup and a free-space check.
 */
public final class PrecacheAdapter implements PrecachePort {

    static final String KEY = "precache";
    static final String NO_IMAGES = "no images specified for precaching";
    static final String STORAGE_PREPARED = "storage-prepared";

    private final HostLayout layout;
    private final ImageStore store;
    private final PrecacheSettings settings;
    private final HostJobs jobs;
    private final Supplier<Set<String>> inUse;
    private final Optional<Path> defaultAuthFile;

    /**
     * @param inUse           images in use or pinned, never removed by the cleanup (crictl on a node)
     * @param defaultAuthFile auth file when no pull secret is given (the kubelet's config.json on a node)
     */
    public PrecacheAdapter(HostLayout layout, ImageStore store, PrecacheSettings settings, HostJobs jobs,
                           Supplier<Set<String>> inUse, Optional<Path> defaultAuthFile) {
        this.layout = layout;
        this.store = store;
        this.settings = settings;
        this.jobs = jobs;
        this.inUse = inUse;
        this.defaultAuthFile = defaultAuthFile;
    }

    @Override
    public Either<PortFailure, Void> start(String staterootName, List<String> extraImages, Option<PullSecret> pullSecret) {
        java.util.List<String> images;
        try {
            images = imagesFor(staterootName, extraImages);
        } catch (RuntimeException e) {
            return Either.left(PortFailure.transientFailure("failed to read the precache list: " + e.getMessage()));
        }
        if (images.isEmpty()) {
            return Either.left(PortFailure.invalid(NO_IMAGES));
        }
        try {
            jobs.start(KEY, PrecacheRequest.encode(images, pullSecret), work(images, pullSecret));
        } catch (RuntimeException e) {
            return Either.left(PortFailure.transientFailure("failed to start precache: " + e.getMessage()));
        }
        return Either.right(null);
    }

    /**
     * Precache as a job: the storage cleanup once, then the pulls. A runner that takes over from one that died with its
     * agent skips the cleanup it finished (it could remove images pulled since) and every image already in the storage.
     */
    private HostJobs.Work work(java.util.List<String> images, Option<PullSecret> pullSecret) {
        return ctx -> {
            if (!ctx.done().contains(STORAGE_PREPARED)) {
                prepareStorage();
                ctx.markDone(STORAGE_PREPARED);
            }
            try (AuthFile auth = AuthFile.write(pullSecret.toJavaOptional(), layout.workRoot().resolve("ibu-auth"))) {
                new PrecacheWorkload(store, settings).run(images, auth.path().or(() -> defaultAuthFile), ctx::progress,
                    ctx.resumed());
            }
        };
    }

    java.util.List<String> imagesFor(String stateroot, List<String> extra) throws java.io.UncheckedIOException {
        Path list = layout.staterootVar(stateroot).resolve(StaterootSetupJob.CONTAINERS_LIST);
        Set<String> out = new LinkedHashSet<>();
        AtomicFiles.read(list).ifPresent(s -> s.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add));
        extra.map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
        return java.util.List.copyOf(out);
    }

    /** The 50% rule, then a clear refusal when the storage is still short of space. */
    private void prepareStorage() {
        if (settings.cleanupThresholdPercent() >= 0) {
            StorageCleanup.run(store, settings.cleanupThresholdPercent(), inUse.get(),
                () -> DiskUsage.usedPercent(store.storageDir()));
        }
        long free = DiskUsage.freeBytes(store.storageDir());
        if (free < settings.minFreeBytes()) {
            throw new IllegalStateException("not enough free space for precache in container storage " + store.storageDir()
                + ": " + free + " bytes free, at least " + settings.minFreeBytes() + " needed; remove unused images or "
                + "grow the file system, then start Prep again");
        }
    }

    @Override
    public Either<PortFailure, PrecacheStatus> status() {
        try {
            JobState s = jobs.state(KEY, request -> {
                PrecacheRequest r = PrecacheRequest.decode(request);
                return work(r.images(), r.pullSecret());
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
