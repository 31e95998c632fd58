package dev.ibu.agent.ops;

import dev.ibu.adapters.host.process.ProcessResult;
import dev.ibu.ports.out.Deployment;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PrecacheStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The host side of {@code diagnose}: {@code ostree admin status}, the stateroots, precache progress, log files. */
final class HostCollector {
    private final Bundle bundle;

    HostCollector(Bundle bundle) {
        this.bundle = bundle;
    }

    void collect(HostAccess host) {
        try {
            ProcessResult r = host.ostreeAdminStatus();
            bundle.add("host/ostree-admin-status.txt", Redactor.text("$ " + String.join(" ", r.argv()) + "\n"
                    + r.stdout() + (r.stderr().isEmpty() ? "" : "\n[stderr]\n" + r.stderr())
                    + "\n[exit code " + r.exitCode() + "]\n"));
        } catch (RuntimeException e) {
            bundle.note("ostree admin status (" + host.description() + "): " + e.getMessage());
        }
        host.stateroots().status().fold(f -> {
            bundle.note("stateroots (" + host.description() + "): " + f.message());
            return null;
        }, s -> {
            bundle.add("host/stateroots.txt", stateroots(s));
            return null;
        });
        host.precache().status().fold(f -> {
            bundle.note("precache status (" + host.description() + "): " + f.message());
            return null;
        }, p -> {
            bundle.add("host/precache.txt", precache(p));
            return null;
        });
    }

    static String stateroots(HostStatus s) {
        StringBuilder sb = new StringBuilder("# index  stateroot  booted  default  checksum.serial\n");
        for (Deployment d : s.deployments()) {
            sb.append(d.index()).append("  ").append(d.osname()).append("  ").append(d.booted() ? "booted" : "-")
                    .append("  ").append(d.isDefault() ? "default" : "-").append("  ").append(d.checksum())
                    .append('.').append(d.serial()).append('\n');
        }
        sb.append("\nstateroots: ").append(String.join(", ", s.staterootNames())).append('\n');
        sb.append("booted stateroot: ").append(s.bootedStateroot().getOrElse("(none booted: an offline sysroot)"))
                .append('\n');
        return sb.toString();
    }

    static String precache(PrecacheStatus p) {
        String state;
        if (p.state() instanceof JobState.Running r) {
            state = "Running " + r.progress();
        } else if (p.state() instanceof JobState.Failed f) {
            state = "Failed: " + f.message();
        } else {
            state = p.state().getClass().getSimpleName();
        }
        return "precache job: " + state + "\nprogress: " + p.progress().map(x -> x.message()).getOrElse("none") + "\n";
    }

    /** Each log file, redacted line by line, as {@code logs/<file name>}. */
    void logs(List<Path> files) {
        for (Path f : files) {
            try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
                StringBuilder sb = new StringBuilder();
                lines.forEach(l -> sb.append(Redactor.text(l)).append('\n'));
                bundle.add("logs/" + f.getFileName(), sb.toString());
            } catch (IOException | java.io.UncheckedIOException e) {
                bundle.note("--log-file " + f + ": cannot be read (" + e.getMessage() + ")");
            }
        }
    }
}
