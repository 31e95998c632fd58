package dev.ibu.adapters.host.ostree;

import dev.ibu.adapters.host.seed.SeedMetadata;
import java.util.List;

/** Lets tests in other packages reach the package-private karg rule. */
public final class StaterootSetupJobAccess {
    private StaterootSetupJobAccess() {
    }

    public static List<String> kargs(SeedMetadata m) {
        return StaterootSetupJob.kargs(m);
    }
}
