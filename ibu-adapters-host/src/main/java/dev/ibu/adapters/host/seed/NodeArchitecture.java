package dev.ibu.adapters.host.seed;

import dev.ibu.adapters.host.process.ProcessRunner;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The node's CPU architecture as a GOARCH name (what OCI configs and manifest lists name: {@code amd64}, {@code
 * arm64}, {@code ppc64le}, {@code s390x}), from {@code uname -m} run on the host like every other host command.
 */
public final class NodeArchitecture {

    /** uname -m machine names to GOARCH (Go's own mapping, as the kernel names them). */
    private static final Map<String, String> GOARCH = Map.ofEntries(
        Map.entry("x86_64", "amd64"), Map.entry("amd64", "amd64"),
        Map.entry("aarch64", "arm64"), Map.entry("arm64", "arm64"), Map.entry("aarch64_be", "arm64be"),
        Map.entry("ppc64le", "ppc64le"), Map.entry("ppc64", "ppc64"),
        Map.entry("s390x", "s390x"),
        Map.entry("riscv64", "riscv64"),
        Map.entry("i386", "386"), Map.entry("i486", "386"), Map.entry("i586", "386"), Map.entry("i686", "386"),
        Map.entry("armv6l", "arm"), Map.entry("armv7l", "arm"), Map.entry("armv8l", "arm"),
        Map.entry("mips64", "mips64"), Map.entry("loongarch64", "loong64"));

    private NodeArchitecture() {
    }

    /** The GOARCH name of a {@code uname -m} machine name; throws naming it when it is not one we know. */
    public static String goarch(String unameMachine) {
        String m = unameMachine.strip();
        String a = GOARCH.get(m);
        if (a == null) {
            throw new IllegalStateException("unknown CPU architecture \"" + m + "\" (uname -m); expected one of "
                + new java.util.TreeSet<>(GOARCH.keySet()));
        }
        return a;
    }

    /** {@code uname -m} on the host (chroot /host, or the test's prefix), asked once and remembered once known. */
    public static Supplier<String> fromHost(ProcessRunner hostRunner) {
        return new Supplier<>() {
            private volatile String known;

            @Override
            public String get() {
                String k = known;
                if (k == null) {
                    k = goarch(hostRunner.runOk("uname", "-m").stdout());
                    known = k;
                }
                return k;
            }
        };
    }

    /** A fixed architecture (tests, or a node whose architecture is configured). */
    public static Supplier<String> fixed(String goarch) {
        return () -> goarch;
    }
}
