package dev.ibu.adapters.host.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks the real tools an IT needs: fails in CI (CI=true), skips elsewhere, with the same message. */
public final class HostTools {

    public static final String FIX = "run .ci/install-host-tools.sh (as root) to install ostree, skopeo, docker-registry"
        + " and the libostree GI bindings";

    private HostTools() {
    }

    public static void require(String... tools) {
        List<String> missing = new ArrayList<>();
        for (String t : tools) {
            if (!onPath(t)) {
                missing.add(t);
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root privileges");
        }
        if (missing.isEmpty()) {
            return;
        }
        String msg = "host tools missing: " + String.join(", ", missing) + "; " + FIX;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg);
        }
        assumeTrue(false, msg);
    }

    public static void requireOstree() {
        require("ostree", "chattr", "unshare", "/usr/bin/python3");
        if (!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/girepository-1.0/OSTree-1.0.typelib"))
            && !Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/girepository-1.0/OSTree-1.0.typelib"))) {
            require("libostree-GI-typelib(gir1.2-ostree-1.0)");
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
