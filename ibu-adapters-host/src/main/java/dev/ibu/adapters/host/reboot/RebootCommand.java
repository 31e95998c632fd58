package dev.ibu.adapters.host.reboot;

import dev.ibu.adapters.host.process.ProcessRunner;
import java.util.List;

/** How the node reboots. Production: a transient systemd unit running {@code systemctl reboot}; tests record it. */
@FunctionalInterface
public interface RebootCommand {

    /** Asks for the reboot; returns once it was handed over (a real reboot then kills us). */
    void reboot(String rationale);

    /**
     * Upstream's command (host-and-image.md §4.1) without its literal quote characters (§9):
     * {@code systemd-run --unit lifecycle-agent-reboot --description "lifecycle-agent: <rationale>"
     * systemctl --message="Image Based Upgrade" reboot}.
     */
    static RebootCommand systemd(ProcessRunner hostRunner) {
        return rationale -> hostRunner.runOk(List.of("systemd-run", "--unit", "lifecycle-agent-reboot",
            "--description", "lifecycle-agent: " + rationale, "systemctl", "--message=Image Based Upgrade", "reboot"));
    }

    /** Any argv (e.g. from configuration), with the rationale appended as the last argument. */
    static RebootCommand argv(ProcessRunner runner, List<String> argv) {
        List<String> copy = List.copyOf(argv);
        return rationale -> {
            java.util.ArrayList<String> a = new java.util.ArrayList<>(copy);
            a.add(rationale);
            runner.runOk(a);
        };
    }
}
