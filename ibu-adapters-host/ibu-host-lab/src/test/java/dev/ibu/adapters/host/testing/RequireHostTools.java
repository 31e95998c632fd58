package dev.ibu.adapters.host.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ibu.adapters.host.lab.HostTools;
import java.util.List;

/** Checks the real tools an IT needs: fails in CI (CI=true), skips elsewhere, with the same message. */
public final class RequireHostTools {

    private RequireHostTools() {
    }

    public static void require(String... tools) {
        verdict(HostTools.missing(List.of(tools)));
    }

    public static void requireOstree() {
        verdict(HostTools.missingForOstree());
    }

    /** docker-registry and skopeo, for a {@link dev.ibu.adapters.host.lab.LabRegistry}. */
    public static void requireRegistry() {
        verdict(HostTools.missing(HostTools.REGISTRY));
    }

    private static void verdict(List<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        String msg = HostTools.message(missing);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg);
        }
        assumeTrue(false, msg);
    }
}
