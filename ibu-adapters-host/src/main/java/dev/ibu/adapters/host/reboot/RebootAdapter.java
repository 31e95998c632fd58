package dev.ibu.adapters.host.reboot;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.process.ProcessResult;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.RebootPort;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RebootPort}: reboots through a {@link RebootCommand}, then (on a real host) waits to be killed;
 * waking up means the reboot did not happen. Also stops and removes the init monitor after success.
 */
public final class RebootAdapter implements RebootPort {

    public static final String INIT_MONITOR_UNIT = "lca-init-monitor.service";
    static final String NEVER = "failed to reboot. This should never happen! Please check the system";

    private final RebootCommand command;
    private final Duration waitForDeath;
    private final ProcessRunner hostRunner;
    private final HostLayout layout;

    /**
     * @param waitForDeath how long to wait for the reboot to kill us (upstream: 60 min); zero returns at once
     *                     (recorded or emulated reboots)
     */
    public RebootAdapter(RebootCommand command, Duration waitForDeath, ProcessRunner hostRunner, HostLayout layout) {
        this.command = command;
        this.waitForDeath = waitForDeath;
        this.hostRunner = hostRunner;
        this.layout = layout;
    }

    @Override
    public Either<PortFailure, Void> reboot(String reason) {
        try {
            command.reboot(reason);
        } catch (RuntimeException e) {
            return Either.left(PortFailure.terminal("failed to reboot for " + reason + ": " + e.getMessage()));
        }
        if (waitForDeath.isZero()) {
            return Either.right(null);
        }
        try {
            Thread.sleep(waitForDeath.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // being stopped for the reboot: the expected way out
            return Either.right(null);
        }
        return Either.left(PortFailure.terminal(NEVER));
    }

    /** Upstream's DisableInitMonitor (host-and-image.md §4.5 step 7): every step is tried; errors are collected. */
    @Override
    public Either<PortFailure, Void> disableInitMonitor() {
        List<String> errors = new ArrayList<>();
        if (systemctl(errors, "is-active", INIT_MONITOR_UNIT)) {
            systemctl(errors, "stop", INIT_MONITOR_UNIT);
        }
        if (systemctl(errors, "is-enabled", INIT_MONITOR_UNIT)) {
            systemctl(errors, "disable", INIT_MONITOR_UNIT);
        }
        Path unit = layout.hostRoot().resolve("etc/systemd/system").resolve(INIT_MONITOR_UNIT);
        try {
            Files.deleteIfExists(unit);
        } catch (IOException e) {
            errors.add("cannot delete " + unit + ": " + e.getMessage());
        }
        systemctl(errors, "daemon-reload");
        if (errors.isEmpty()) {
            return Either.right(null);
        }
        return Either.left(PortFailure.transientFailure("failed to disable the init monitor ("
            + String.join("; ", errors) + "); stop it by hand with: systemctl disable --now " + INIT_MONITOR_UNIT));
    }

    /** True when the command exited 0; is-active/is-enabled answer "no" with a non-zero exit, not an error. */
    private boolean systemctl(List<String> errors, String verb, String... args) {
        List<String> argv = new ArrayList<>(List.of("systemctl", verb));
        argv.addAll(List.of(args));
        try {
            ProcessResult r = hostRunner.run(argv);
            boolean query = verb.startsWith("is-");
            if (!r.succeeded() && !query) {
                errors.add("systemctl " + verb + " exited " + r.exitCode() + ": " + r.stderr().strip());
            }
            return r.succeeded();
        } catch (RuntimeException e) {
            errors.add(e.getMessage());
            return false;
        }
    }
}
