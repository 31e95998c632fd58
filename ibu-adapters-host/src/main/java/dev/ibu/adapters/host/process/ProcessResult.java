package dev.ibu.adapters.host.process;

import java.time.Duration;
import java.util.List;

/** What a finished command did. {@code argv} is the command as run, prefix included. */
public record ProcessResult(List<String> argv, int exitCode, String stdout, String stderr, Duration took) {

    public ProcessResult {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns this result when the exit code is 0, else throws with argv, exit code and both streams. */
    public ProcessResult orThrow() {
        if (!succeeded()) {
            throw new HostCommandException(this, "exited with " + exitCode);
        }
        return this;
    }
}
