package dev.ibu.adapters.host.support;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ibu.adapters.host.support.Json;
import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.ports.out.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long host work (stateroot setup, precache) run in the background, one at a time per key, with its
 * state kept in a small file so a restarted agent can tell "succeeded" from "died half way".
 */
public final class HostJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostJobs.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Saved(String state, String message) {
    }

    /** The work itself; it reports progress through the consumer and throws to fail. */
    public interface Work {
        void run(Consumer<String> progress) throws Exception;
    }

    private final Path stateDir;
    private final String kind;
    private final ExecutorService pool;
    private final Map<String, JobState> live = new ConcurrentHashMap<>();

    public HostJobs(Path stateDir, String kind) {
        this.stateDir = stateDir;
        this.kind = kind;
        this.pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ibu-" + kind);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@code work} unless it runs or succeeded; returns false when nothing was started. */
    public synchronized boolean start(String key, Work work) {
        JobState now = state(key);
        if (now instanceof JobState.Running || now instanceof JobState.Succeeded) {
            return false;
        }
        record(key, new JobState.Running("starting"));
        pool.submit(() -> runJob(key, work));
        return true;
    }

    private void runJob(String key, Work work) {
        try {
            work.run(p -> live.put(key, new JobState.Running(p)));
            record(key, new JobState.Succeeded());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(key, new JobState.Failed(interrupted()));
        } catch (Exception | Error e) {
            LOG.warn("{} job {} failed", kind, key, e);
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            record(key, new JobState.Failed(msg));
        }
    }

    public JobState state(String key) {
        JobState mine = live.get(key);
        if (mine != null) {
            return mine;
        }
        return AtomicFiles.read(file(key)).map(s -> Json.MAPPER.readValue(s, Saved.class)).map(this::fromSaved)
            .orElse(new JobState.NotStarted());
    }

    private JobState fromSaved(Saved s) {
        switch (s.state()) {
            case "Succeeded":
                return new JobState.Succeeded();
            case "Failed":
                return new JobState.Failed(s.message());
            default:
                // recorded as running, but not by this process: the agent stopped while it ran
                return new JobState.Failed(interrupted());
        }
    }

    private String interrupted() {
        return kind + " was interrupted before it finished (the agent stopped); "
            + "go back to Idle to clean up, then start Prep again";
    }

    private synchronized void record(String key, JobState s) {
        live.put(key, s);
        String state = s instanceof JobState.Succeeded ? "Succeeded" : s instanceof JobState.Failed ? "Failed" : "Running";
        String msg = s instanceof JobState.Failed f ? f.message() : "";
        AtomicFiles.write(file(key), Json.MAPPER.writeValueAsString(new Saved(state, msg)));
    }

    /** Forgets the job (its file too); a running one finishes in the background but is no longer reported. */
    public synchronized void forget(String key) {
        live.remove(key);
        try {
            Files.deleteIfExists(file(key));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot delete " + file(key), e);
        }
    }

    private Path file(String key) {
        return stateDir.resolve("ibu-" + kind + "-" + key + ".json");
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
