package dev.ibu.adapters.host.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One command to run: argv (never a shell line), timeout, extra environment, optional working dir. */
public record Invocation(List<String> argv, Duration timeout, Map<String, String> env, Optional<Path> workDir) {

    public Invocation {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        env = Map.copyOf(env);
        workDir = workDir == null ? Optional.empty() : workDir;
    }

    public static Invocation of(Duration timeout, List<String> argv) {
        return new Invocation(argv, timeout, Map.of(), Optional.empty());
    }

    public Invocation withEnv(Map<String, String> extra) {
        return new Invocation(argv, timeout, extra, workDir);
    }
}
