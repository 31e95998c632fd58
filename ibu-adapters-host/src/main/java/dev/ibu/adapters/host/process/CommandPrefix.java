package dev.ibu.adapters.host.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps an argv so it runs in the host's context. Upstream runs host commands either as
 * {@code chroot /host /usr/bin/env -- CMD} or {@code nsenter --target 1 ... -- CMD}; tests use no prefix
 * or a fake-boot wrapper that makes a deployment of a temp sysroot look booted.
 */
@FunctionalInterface
public interface CommandPrefix {

    List<String> wrap(List<String> argv);

    static CommandPrefix none() {
        return List::copyOf;
    }

    static CommandPrefix chroot(String hostRoot) {
        return fixed(List.of("chroot", hostRoot, "/usr/bin/env", "--"));
    }

    /** The "nsenter executor": enter PID 1's namespaces (CRI-O 4.18+ reaps host mounts made from a pod). */
    static CommandPrefix nsenter() {
        return fixed(List.of("nsenter", "--target", "1", "--cgroup", "--mount", "--ipc", "--net", "--pid", "--"));
    }

    static CommandPrefix fixed(List<String> prefix) {
        List<String> copy = List.copyOf(prefix);
        return argv -> {
            List<String> out = new ArrayList<>(copy.size() + argv.size());
            out.addAll(copy);
            out.addAll(argv);
            return List.copyOf(out);
        };
    }
}
