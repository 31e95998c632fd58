package dev.ibu.ports.out;

import io.vavr.control.Option;

import java.util.Objects;

/**
 * What the stateroot setup job needs: pull {@code seedImage} (with the pull secret, if any), check that the seed's
 * version equals {@code version}, create stateroot {@code staterootName} from it, and write the auto-rollback config.
 */
public record StaterootSetup(String staterootName, String version, String seedImage, Option<PullSecret> pullSecret,
                             AutoRollbackConfig autoRollback) {
    public StaterootSetup {
        Objects.requireNonNull(staterootName);
        Objects.requireNonNull(version);
        Objects.requireNonNull(seedImage);
        pullSecret = pullSecret == null ? Option.none() : pullSecret;
        Objects.requireNonNull(autoRollback);
    }
}
