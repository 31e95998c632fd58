package dev.ibu.adapters.host.restart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@link PrepAgentMain} in a child JVM, its output read line by line, and killed the way a pod's container dies: the
 * JVM is frozen (SIGSTOP, so it starts nothing more), then it and every process it started get SIGKILL at once, as the
 * container runtime kills all processes of a container whose main process died (OOM kill, eviction, crash).
 */
final class AgentProcess {

    private static final String EOF = "\u0000eof";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();

    private AgentProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "agent-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static AgentProcess start(Path logbackConfig, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dlogback.configurationFile=" + logbackConfig,
            "-cp", System.getProperty("java.class.path"), PrepAgentMain.class.getName()));
        cmd.addAll(List.of(args));
        return new AgentProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                synchronized (output) {
                    output.add(l);
                }
                lines.add(l);
            }
        } catch (IOException e) {
            // the process died
        } finally {
            lines.add(EOF);
        }
    }

    /** The first line matching {@code wanted}, or empty when the agent ended (or {@code timeout} passed) first. */
    Optional<String> await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String l = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (l == null || EOF.equals(l)) {
                return Optional.empty();
            }
            if (wanted.test(l)) {
                return Optional.of(l);
            }
        }
    }

    /** kill -9 of the agent's JVM and of every process it started (see the class comment). */
    void kill() throws Exception {
        new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor();
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        for (ProcessHandle h : all) {
            h.destroyForcibly();
        }
        for (ProcessHandle h : all) {
            h.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** The exit code, once the agent ended by itself; fails after {@code timeout}. */
    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("the agent did not finish Prep within " + timeout + "; its output:\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - 60), output.size()));
        }
    }
}
