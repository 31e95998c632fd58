package dev.ibu.agent.e2e;

import dev.ibu.rehearsal.RehearsalMain;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real {@code kubectl} binary against {@code local --serve}, for the end-to-end tests. kubectl is on every
 * machine of this project; a missing one fails the test rather than skipping it.
 */
final class KubectlRuns {
    private KubectlRuns() {
    }

    record Result(int exit, String out) {
    }

    /** Starts {@code local --serve} with these extra arguments; returns once its kubeconfig is written. */
    static void serve(Path kubeconfig, long seconds, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("local", "--serve", "--port=0", "--serve-seconds=" + seconds,
                "--kubeconfig-out=" + kubeconfig, "--no-yaml", "--pace=10ms"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        Thread serving = new Thread(() -> RehearsalMain.run(args.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)));
        serving.setDaemon(true);
        serving.start();
        waitFor("the kubeconfig", () -> out.toString().contains("export KUBECONFIG="));
    }

    /** kubectl with the kubeconfig, stdout and stderr together, {@code input} (or nothing) on stdin. */
    static Result run(Path kubeconfig, String input, String... args) {
        List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try (var stdin = p.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not finish: " + text);
            }
            return new Result(p.exitValue(), text);
        } catch (java.io.IOException e) {
            throw new AssertionError("kubectl must be on the PATH (it is on every machine of this project): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** kubectl that must succeed: its output. */
    static String kubectl(Path kubeconfig, String... args) {
        Result r = run(kubeconfig, null, args);
        if (r.exit() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " failed: " + r.out());
        }
        return r.out();
    }

    static void waitFor(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(200);
        }
    }
}
