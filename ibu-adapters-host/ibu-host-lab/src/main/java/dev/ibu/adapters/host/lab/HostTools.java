package dev.ibu.adapters.host.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real tools the lab (a temp sysroot, fake boot, a loopback registry) needs. Callers decide what a
 * missing tool means: tests skip or fail, {@code local --host=ostree} exits 2 with {@link #message}.
 */
public final class HostTools {

    public static final String FIX = "run bash .ci/install-host-tools.sh (as root) to install ostree, skopeo, docker-registry"
        + " and the libostree GI bindings";

    /** What the fake-booted sysroot needs. */
    public static final List<String> OSTREE = List.of("ostree", "chattr", "unshare", "/usr/bin/python3");
    /** What the loopback registry needs. */
    public static final List<String> REGISTRY = List.of("docker-registry", "skopeo");

    private HostTools() {
    }

    /** The tools (and privileges) among {@code tools} that this host lacks; empty when all are there. */
    public static List<String> missing(List<String> tools) {
        List<String> missing = new ArrayList<>();
        for (String t : tools) {
            if (!onPath(t)) {
                missing.add(t);
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root privileges");
        }
        return List.copyOf(missing);
    }

    /** Like {@link #missing(List)} for {@link #OSTREE}, plus the libostree GI typelib. */
    public static List<String> missingForOstree() {
        List<String> missing = new ArrayList<>(missing(OSTREE));
        if (!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/girepository-1.0/OSTree-1.0.typelib"))
            && !Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/girepository-1.0/OSTree-1.0.typelib"))) {
            missing.add("libostree-GI-typelib(gir1.2-ostree-1.0)");
        }
        return List.copyOf(missing);
    }

    /** One line naming what is missing and the fix. */
    public static String message(List<String> missing) {
        return "host tools missing: " + String.join(", ", missing) + "; " + FIX;
    }

    /** Throws {@link Missing} when any of {@code missing} is non-empty (the lab cannot work without them). */
    static void check(List<String> missing) {
        if (!missing.isEmpty()) {
            throw new Missing(message(missing));
        }
    }

    /** A lab part was started on a host without its tools. */
    public static final class Missing extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public Missing(String message) {
            super(message);
        }
    }

    private static boolean onPath(String tool) {
        if (tool.startsWith("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
