package dev.ibu.adapters.host.support;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ibu.ports.out.JobState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long host work (stateroot setup, precache) that outlives the agent (the StaterootPort and PrecachePort contracts).
 *
 * <p>A job's record (state, progress, the request it was started with, the steps it completed) is a file on the host;
 * its runner is a thread of this process that holds the job's {@link JobLock} while it works. The kernel drops that
 * lock when the process dies, however it dies, so "the record says Running and nobody holds the lock" means exactly
 * "the runner died with its agent". The next {@link #state(String, Resumer)} or {@link #start} call, from any agent on
 * the host, then resumes the job: it rebuilds the work from the saved request and runs it again with
 * {@link Context#resumed()} true and the completed steps in {@link Context#done()}, so the work can clean what the dead
 * runner left half made and skip what it finished. Meanwhile the job reads Running. Only the work's own failure is
 * recorded as Failed; stopping a runner ({@link #close()}, a kill) records nothing.
 *
 * <p>A reboot of the node is not an agent restart: a job that was running when the node went down fails (upstream's job
 * pod dies with the node and has backoffLimit 0). The record keeps the boot id of its runner's boot to tell the two
 * apart.
 *
 * <p>The saved request may hold a pull secret: the record is 0600 in a 0700 directory (as the auth files skopeo reads
 * are), and the request is dropped as soon as the job ends.
 */
public final class HostJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostJobs.class);

    /** What a job's work sees. */
    public interface Context {
        /** A short text for the status message. */
        void progress(String text);

        /** True when an earlier runner of this job died (with its agent) and this one took over. */
        boolean resumed();

        /** The steps completed so far, by this runner or a dead one. */
        Set<String> done();

        /** Records a completed step before the work goes on (a resumed runner may skip it). */
        void markDone(String step);

        /** True once this runner is being stopped: the work should end without cleaning up for the next runner. */
        boolean stopped();

        /** A context for work run outside a job: progress goes to {@code progress}, nothing is resumed or saved. */
        static Context of(Consumer<String> progress) {
            Set<String> done = new LinkedHashSet<>();
            return new Context() {
                @Override
                public void progress(String text) {
                    progress.accept(text);
                }

                @Override
                public boolean resumed() {
                    return false;
                }

                @Override
                public Set<String> done() {
                    return Set.copyOf(done);
                }

                @Override
                public void markDone(String step) {
                    done.add(step);
                }

                @Override
                public boolean stopped() {
                    return false;
                }
            };
        }
    }

    /** The work itself; it reports through the context and throws to fail. */
    public interface Work {
        void run(Context ctx) throws Exception;
    }

    /** Rebuilds a job's work from the request it was started with, to resume it. */
    public interface Resumer {
        Work work(String request) throws Exception;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Saved(String state, String message, String progress, String request, List<String> done, int runners,
                 String bootId) {
        Saved {
            message = message == null ? "" : message;
            progress = progress == null ? "" : progress;
            done = done == null ? List.of() : List.copyOf(done);
        }

        Saved with(String newState, String newMessage) {
            boolean ended = !RUNNING.equals(newState);
            return new Saved(newState, newMessage, ended ? "" : progress, ended ? null : request, done, runners, bootId);
        }

        Saved progressing(String newProgress, List<String> newDone) {
            return new Saved(RUNNING, "", newProgress, request, newDone, runners, bootId);
        }
    }

    static final String RUNNING = "Running";
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

    private final Path stateDir;
    private final String kind;
    private final Map<String, Runner> runners = new ConcurrentHashMap<>();
    private final Supplier<String> bootId;

    public HostJobs(Path stateDir, String kind) {
        this(stateDir, kind, HostJobs::kernelBootId);
    }

    /** With {@code bootId}: the current boot's id (tests); empty when unknown (then a reboot is not detected). */
    public HostJobs(Path stateDir, String kind, Supplier<String> bootId) {
        this.stateDir = stateDir;
        this.kind = kind;
        this.bootId = bootId;
    }

    /** The kernel's id of this boot; the same inside a pod as on the host. */
    static String kernelBootId() {
        return AtomicFiles.read(Path.of("/proc/sys/kernel/random/boot_id")).map(String::strip).orElse("");
    }

    /**
     * Starts {@code work} for {@code key} with {@code request} (what a later agent needs to rebuild it) unless the job
     * runs or succeeded. A job whose runner died is resumed with this work and request. Returns whether a runner was
     * started here.
     */
    public synchronized boolean start(String key, String request, Work work) {
        Optional<Saved> saved = read(key);
        if (saved.isPresent() && SUCCEEDED.equals(saved.get().state())) {
            return false;
        }
        if (saved.isPresent() && RUNNING.equals(saved.get().state())) {
            return resume(key, r -> work, Optional.of(request)) instanceof Started;
        }
        Optional<JobLock> lock = JobLock.tryAcquire(lockFile(key));
        if (lock.isEmpty()) {
            return false; // a runner of another agent holds it: it will write its own record
        }
        launch(key, new Saved(RUNNING, "", "starting", request, List.of(), 1, bootId.get()), work, false, lock.get());
        return true;
    }

    /** The job's state, without resuming it (a job whose runner died reads Running). */
    public JobState state(String key) {
        return read(key).map(this::toState).orElse(new JobState.NotStarted());
    }

    /** The job's state; a job whose runner died is resumed with the work {@code resumer} rebuilds, and reads Running. */
    public JobState state(String key, Resumer resumer) {
        Optional<Saved> saved = read(key);
        if (saved.isEmpty() || !RUNNING.equals(saved.get().state()) || localRunnerAlive(key)) {
            return saved.map(this::toState).orElse(new JobState.NotStarted());
        }
        synchronized (this) {
            return resume(key, resumer, Optional.empty()).state();
        }
    }

    private sealed interface Resumption {
        JobState state();
    }

    private record Started(JobState state) implements Resumption {
    }

    private record Unchanged(JobState state) implements Resumption {
    }

    private Resumption resume(String key, Resumer resumer, Optional<String> newRequest) {
        if (localRunnerAlive(key)) {
            return new Unchanged(state(key));
        }
        Optional<JobLock> lock = JobLock.tryAcquire(lockFile(key));
        if (lock.isEmpty()) {
            return new Unchanged(state(key)); // its runner is alive in another process
        }
        boolean launched = false;
        try {
            Optional<Saved> saved = read(key); // read again under the lock: the runner may have ended just now
            if (saved.isEmpty() || !RUNNING.equals(saved.get().state())) {
                return new Unchanged(saved.map(this::toState).orElse(new JobState.NotStarted()));
            }
            Saved s = saved.get();
            String now = bootId.get();
            if (s.bootId() != null && !s.bootId().isEmpty() && !now.isEmpty() && !now.equals(s.bootId())) {
                return new Unchanged(fail(key, s, kind + " was interrupted by a reboot of the node; move to Idle to "
                    + "abort, then start Prep again"));
            }
            String request = newRequest.orElse(s.request());
            Work work;
            try {
                if (request == null) {
                    throw new IllegalStateException("its record holds no request to resume it from");
                }
                work = resumer.work(request);
            } catch (Exception e) {
                return new Unchanged(fail(key, s, kind + " was interrupted before it finished (the agent stopped) and "
                    + "cannot be resumed: " + message(e) + "; go back to Idle to clean up, then start Prep again"));
            }
            LOG.info("{} job {}: its runner died with an earlier agent; resuming it", kind, key);
            Saved resumed = new Saved(RUNNING, "", "resuming after the agent restarted", request, s.done(),
                s.runners() + 1, now.isEmpty() ? s.bootId() : now);
            launch(key, resumed, work, true, lock.get());
            launched = true;
            return new Started(toState(resumed));
        } finally {
            if (!launched) {
                lock.get().close();
            }
        }
    }

    private JobState fail(String key, Saved s, String message) {
        Saved failed = s.with(FAILED, message);
        write(key, failed);
        return toState(failed);
    }

    /** Starts a runner holding {@code lock}; on failure the lock is released. */
    private void launch(String key, Saved first, Work work, boolean resumed, JobLock lock) {
        Runner r = new Runner(key, first, resumed, lock);
        try {
            r.save(first);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        r.thread = new Thread(() -> r.run(work), "ibu-" + kind + "-" + key);
        r.thread.setDaemon(true);
        runners.put(key, r);
        r.thread.start();
    }

    private boolean localRunnerAlive(String key) {
        Runner r = runners.get(key);
        return r != null && !r.stopped && r.thread.isAlive();
    }

    private JobState toState(Saved s) {
        switch (s.state()) {
            case SUCCEEDED:
                return new JobState.Succeeded();
            case FAILED:
                return new JobState.Failed(s.message());
            default:
                return new JobState.Running(s.progress());
        }
    }

    /** How many runners worked on the job (1, plus one per resume); 0 when there is no record. */
    public int runners(String key) {
        return read(key).map(Saved::runners).orElse(0);
    }

    /** Forgets the job: stops its runner in this process (recording nothing), then deletes its record. */
    public synchronized void forget(String key) {
        Runner r = runners.remove(key);
        if (r != null) {
            r.stop();
        }
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file(key), e);
        }
    }

    /**
     * Stops this process's runners as a kill would: nothing more is recorded, their records stay Running, and the next
     * agent resumes them. Waits (bounded) for their threads to end, so their locks are free when it returns.
     */
    public synchronized void stopRunners() {
        List<Runner> all = new ArrayList<>(runners.values());
        runners.clear();
        all.forEach(Runner::stop);
    }

    /** Stops the runners without failing their jobs (see {@link #stopRunners()}): a later agent resumes them. */
    @Override
    public void close() {
        stopRunners();
    }

    private Optional<Saved> read(String key) {
        return AtomicFiles.read(file(key)).map(s -> Json.MAPPER.readValue(s, Saved.class));
    }

    private void write(String key, Saved s) {
        AtomicFiles.write(file(key), Json.MAPPER.writeValueAsString(s));
    }

    private Path file(String key) {
        return stateDir.resolve("ibu-" + kind + "-" + key + ".json");
    }

    private Path lockFile(String key) {
        return stateDir.resolve("ibu-" + kind + "-" + key + ".lock");
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Thrown into the work when its runner is stopped and it reports again. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("the runner was stopped", null, false, false);
        }
    }

    private final class Runner implements Context {
        private final String key;
        private final boolean resumed;
        private final JobLock lock;
        private Saved saved;
        private volatile boolean stopped;
        private Thread thread;

        Runner(String key, Saved saved, boolean resumed, JobLock lock) {
            this.key = key;
            this.saved = saved;
            this.resumed = resumed;
            this.lock = lock;
        }

        void run(Work work) {
            try {
                work.run(this);
                save(saved.with(SUCCEEDED, ""));
            } catch (Throwable e) {
                if (stopped) {
                    LOG.info("{} job {}: runner stopped; the next agent resumes it", kind, key);
                } else {
                    LOG.warn("{} job {} failed", kind, key, e);
                    saveUnlessStopped(saved.with(FAILED, message(e)));
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            } finally {
                lock.close();
                runners.remove(key, this);
            }
        }

        private void saveUnlessStopped(Saved s) {
            try {
                save(s);
            } catch (Stopped ignored) {
                // stopped meanwhile: the next agent resumes the job
            } catch (RuntimeException e) {
                LOG.warn("{} job {}: cannot record its end ({}); a later agent runs it again", kind, key, e.getMessage());
            }
        }

        synchronized void save(Saved s) {
            if (stopped) {
                throw new Stopped();
            }
            saved = s;
            write(key, s);
        }

        void stop() {
            stopped = true;
            thread.interrupt();
            try {
                thread.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("{} job {}: the stopped runner is still busy; its lock stays held until it ends", kind, key);
            }
        }

        @Override
        public void progress(String text) {
            LOG.info("{} job {}: {}", kind, key, text);
            synchronized (this) {
                save(saved.progressing(text, saved.done()));
            }
        }

        @Override
        public boolean resumed() {
            return resumed;
        }

        @Override
        public synchronized Set<String> done() {
            return new LinkedHashSet<>(saved.done());
        }

        @Override
        public void markDone(String step) {
            synchronized (this) {
                List<String> d = new ArrayList<>(saved.done());
                if (!d.contains(step)) {
                    d.add(step);
                }
                save(saved.progressing(saved.progress(), d));
            }
        }

        @Override
        public boolean stopped() {
            return stopped;
        }
    }
}
