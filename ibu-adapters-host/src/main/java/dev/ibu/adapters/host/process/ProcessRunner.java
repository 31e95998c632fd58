package dev.ibu.adapters.host.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands from an argv, never through a shell, with a timeout; stdout and stderr are captured
 * (each capped) so failures can quote them. The configured {@link CommandPrefix} decides where the
 * command runs (here, chroot /host, nsenter into PID 1, or a test's fake-booted namespace).
 */
public final class ProcessRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final int MAX_CAPTURE_BYTES = 8 * 1024 * 1024;

    private final CommandPrefix prefix;
    private final Duration defaultTimeout;

    public ProcessRunner(CommandPrefix prefix, Duration defaultTimeout) {
        this.prefix = prefix;
        this.defaultTimeout = defaultTimeout;
    }

    public static ProcessRunner local() {
        return new ProcessRunner(CommandPrefix.none(), Duration.ofMinutes(10));
    }

    public ProcessRunner withPrefix(CommandPrefix other) {
        return new ProcessRunner(other, defaultTimeout);
    }

    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** Runs argv with the default timeout; a non-zero exit is returned, not thrown. */
    public ProcessResult run(List<String> argv) {
        return run(Invocation.of(defaultTimeout, argv));
    }

    /** Runs argv with the default timeout and throws {@link HostCommandException} unless it exits 0. */
    public ProcessResult runOk(String... argv) {
        return run(List.of(argv)).orThrow();
    }

    public ProcessResult runOk(List<String> argv) {
        return run(argv).orThrow();
    }

    public ProcessResult run(Invocation inv) {
        List<String> argv = prefix.wrap(inv.argv());
        LOG.debug("running {}", argv);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(inv.env());
        inv.workDir().ifPresent(d -> pb.directory(d.toFile()));
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new HostCommandException(argv, "could not start (is the tool installed?)", e);
        }
        Capture out = Capture.start(p.getInputStream());
        Capture err = Capture.start(p.getErrorStream());
        boolean done = waitFor(p, inv.timeout());
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            waitFor(p, Duration.ofSeconds(10));
        }
        ProcessResult r = new ProcessResult(argv, done ? p.exitValue() : -1, out.text(), err.text(),
            Duration.ofNanos(System.nanoTime() - start));
        if (!done) {
            long ms = inv.timeout().toMillis();
            throw new HostCommandException(r, "timed out after " + (ms < 1000 ? ms + " ms" : ms / 1000 + " s") + " and was killed");
        }
        return r;
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for " + p.info().command().orElse("?"), e);
        }
    }

    /** Drains one stream on its own thread so a chatty process never blocks on a full pipe. */
    private static final class Capture {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final Thread thread;

        private Capture(InputStream in) {
            this.thread = new Thread(() -> drain(in), "proc-capture");
            this.thread.setDaemon(true);
        }

        static Capture start(InputStream in) {
            Capture c = new Capture(in);
            c.thread.start();
            return c;
        }

        private void drain(InputStream in) {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buf) {
                        if (buf.size() < MAX_CAPTURE_BYTES) {
                            buf.write(chunk, 0, Math.min(n, MAX_CAPTURE_BYTES - buf.size()));
                        }
                    }
                }
            } catch (IOException e) {
                // the process died or was killed; what we have is what it said
            }
        }

        String text() {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }

}
