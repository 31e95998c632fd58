package dev.ibu.ports.testkit;

import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.PrecacheStatus;
import dev.ibu.domain.ImageCleanup;
import dev.ibu.ports.out.PrecacheRequest;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * The precache job of an {@link InMemoryHost} ({@link InMemoryHost#precache()}). It pulls the images of the seed
 * the stateroot was set up from plus the extra ones, {@code imagesPerStep} per step (default one per tick); there is
 * no progress until the first step (upstream: "No precache status file to read yet"). Images marked failing count
 * as failed, and the job fails with {@code failed to pre-cache one or more images} unless best-effort. Its record
 * lives in the booted stateroot's {@code /var}, like the setup job's. Pulled images go into the host's container
 * storage, which {@link #cleanup()} leaves alone; {@link #pulls(String)} counts the pulls of an image.
 *
 * <p>As the host adapter: {@link #start} first runs the container-storage cleanup the request asks for (see
 * {@link InMemoryImageStorage}: {@link #storeImage}, {@link #storageUsage}); an image the host's registry publishes as
 * a manifest list without an entry for the node's architecture ({@link InMemoryRegistry#manifestList}) is skipped,
 * counted in the progress' {@code skipped}, neither pulled nor failed.
 *
 * <p>The job's runner lives in the agent: after {@link InMemoryHost#agentRestarted()} the job stops
 * advancing, and the next {@link #status()} or {@link #start} resumes it: it goes through its list again and counts
 * images already in the storage as pulled without pulling them; meanwhile it reads Running. Shares the host's lock.
 */
public final class InMemoryPrecache implements PrecachePort {
    private final InMemoryHost host;
    private final Faults faults;
    private Pacing pacing = Pacing.afterTicks(1);
    private int imagesPerStep = 1;
    private Set<String> failingImages = HashSet.empty();
    private boolean bestEffort;
    private final java.util.Map<String, Integer> pulls = new java.util.LinkedHashMap<>();
    private final InMemoryImageStorage images = new InMemoryImageStorage();
    private Option<ImageCleanup> lastCleanup = Option.none();
    private final PrecacheJob.Storage storage = new PrecacheJob.Storage() {
        @Override
        public boolean has(String image) {
            return images.has(image);
        }

        @Override
        public void pull(String image) {
            pulls.merge(image, 1, Integer::sum);
            images.add(image, false, false);
        }
    };

    InMemoryPrecache(InMemoryHost host, Faults faults) {
        this.host = host;
        this.faults = faults;
    }

    /** Each step (a tick, or a status poll) pulls {@code perStep} images. */
    public InMemoryPrecache pacing(Pacing.Mode mode, int perStep) {
        synchronized (host) {
            pacing = new Pacing(Objects.requireNonNull(mode), 1);
            imagesPerStep = perStep;
        }
        return this;
    }

    public InMemoryPrecache failImages(String... images) {
        synchronized (host) {
            failingImages = failingImages.addAll(List.of(images));
        }
        return this;
    }

    public InMemoryPrecache bestEffort(boolean b) {
        synchronized (host) {
            bestEffort = b;
        }
        return this;
    }

    /**
     * Puts an image into the container storage before precache, as the node has it: {@code pinned} (crictl) or
     * {@code inUse} (a container of CRI-O or podman uses it) images are never removed by the cleanup.
     */
    public InMemoryPrecache storeImage(String image, boolean pinned, boolean inUse) {
        synchronized (host) {
            images.add(image, pinned, inUse);
        }
        return this;
    }

    /** The container storage's usage: {@code basePercent} plus {@code percentPerImage} per stored image. */
    public InMemoryPrecache storageUsage(int basePercent, int percentPerImage) {
        synchronized (host) {
            images.usage(basePercent, percentPerImage);
        }
        return this;
    }

    /** Whether the container runtime answers which images are in use or pinned (false: the cleanup removes none). */
    public InMemoryPrecache runtimeAnswers(boolean answers) {
        synchronized (host) {
            images.runtimeAnswers(answers);
        }
        return this;
    }

    /** The container storage's usage now, in percent (not a port call). */
    public int storageUsedPercent() {
        synchronized (host) {
            return images.usedPercent();
        }
    }

    /** The images the cleanup removed (not a port call). */
    public List<String> removedImages() {
        synchronized (host) {
            return images.removed();
        }
    }

    /** The cleanup the last started job was asked for (not a port call). */
    public Option<ImageCleanup> lastCleanup() {
        synchronized (host) {
            return lastCleanup;
        }
    }

    /** How many times {@code image} was pulled into the container storage (not a port call). */
    public int pulls(String image) {
        synchronized (host) {
            return pulls.getOrDefault(image, 0);
        }
    }

    /** The images in the container storage (not a port call). */
    public List<String> storedImages() {
        synchronized (host) {
            return images.images();
        }
    }

    /** The job's state without counting a port call (and without resuming it). */
    public PrecacheStatus peek() {
        synchronized (host) {
            PrecacheJob job = job();
            return job == null ? new PrecacheStatus(new JobState.NotStarted(), Option.none()) : job.status();
        }
    }

    @Override
    public Either<PortFailure, Void> start(PrecacheRequest request) {
        String staterootName = request.staterootName();
        List<String> extraImages = request.extraImages();
        return faults.guard(Op.PRECACHE_START, () -> {
            synchronized (host) {
                PrecacheJob job = job();
                if (job != null && !(job.status().state() instanceof JobState.Failed)) {
                    resumeIfOrphaned(job);
                    return Either.right(null);
                }
                Option<List<String>> seedImages = host.seedImages(staterootName);
                if (seedImages.isEmpty()) {
                    return Either.left(PortFailure.notFound("stateroot " + staterootName
                            + " not found: precache reads the containers list of the seed it was set up from"));
                }
                List<String> images = seedImages.get().appendAll(extraImages).distinct();
                if (images.isEmpty()) {
                    return Either.left(PortFailure.terminal("no images specified for precaching"));
                }
                lastCleanup = Option.some(request.cleanup());
                this.images.cleanup(request.cleanup());
                host.bootedDir().precache = new PrecacheJob(images, this::lacksNodeArchitecture, failingImages,
                        bestEffort, imagesPerStep);
                return Either.right(null);
            }
        });
    }

    @Override
    public Either<PortFailure, PrecacheStatus> status() {
        return faults.guard(Op.PRECACHE_STATUS, () -> {
            synchronized (host) {
                if (job() != null) {
                    resumeIfOrphaned(job());
                    if (!pacing.byTicks()) {
                        job().step(storage);
                    }
                }
                return Either.right(peek());
            }
        });
    }

    @Override
    public Either<PortFailure, Void> cleanup() {
        return faults.guard(Op.PRECACHE_CLEANUP, () -> {
            synchronized (host) {
                host.bootedDir().precache = null;
                return Either.right(null);
            }
        });
    }

    void tick() {
        synchronized (host) {
            if (job() != null && pacing.byTicks()) {
                job().step(storage);
            }
        }
    }

    void interrupt(String why) {
        synchronized (host) {
            if (job() != null) {
                job().interrupt(why);
            }
        }
    }

    /** The agent died: the job's runner died with it. */
    void runnerDied() {
        synchronized (host) {
            if (job() != null) {
                job().runnerDied();
            }
        }
    }

    private void resumeIfOrphaned(PrecacheJob job) {
        if (job.orphaned()) {
            job.resume(storage);
        }
    }

    private boolean lacksNodeArchitecture(String image) {
        return host.registry().exists(r -> r.lacksNodeArchitecture(image));
    }

    private PrecacheJob job() {
        return host.bootedDir().precache;
    }
}
