package dev.ibu.rehearsal.fleet;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.engine.UpgradeEngine;
import io.vavr.control.Option;

/**
 * A spoke running the real ibu engine (UpgradeEngine) on the test kit's in-memory world (host, cluster, registry,
 * Velero): the work agent's stage request becomes {@code spec.stage} of the spoke's IBU, each round the node agent
 * takes a few passes, and the hub sees the IBU's real conditions.
 */
final class EngineSpoke extends EngineDrivenSpoke {

    EngineSpoke(boolean failsPrep) {
        super(failsPrep);
        boot();
    }

    @Override
    UpgradeEngine newEngine() {
        return new UpgradeEngine(world.ports());
    }

    @Override
    void writeStage(Stage stage) {
        if (stage == Stage.PREP) {
            SeedImageRef seed = failsPrep ? new SeedImageRef(world.seed().version(), MISSING_SEED, Option.none())
                    : world.seedImageRef();
            world.cluster().patchSpec(s -> new Spec(Stage.PREP, seed, s.oadpContent(), s.extraManifests(),
                    s.autoRollbackOnFailure()));
        } else {
            world.requestStage(stage);
        }
    }

    @Override
    public Conditions conditions() {
        return world.cluster().currentIbu().status().conditions();
    }
}
