package dev.ibu.ports.engine;

import dev.ibu.domain.Setters;

/** Upgrade's progress messages, each written at once as upstream does at every milestone (spec §4.3). */
final class Milestone {
    private Milestone() {
    }

    /** Sets the UpgradeInProgress message and writes the status: Continue, or the step that ends the pass. */
    static Step write(Pass pass, String message) {
        pass.update(c -> Setters.upgradeInProgress(c, message, pass.stamp()));
        return pass.persist();
    }
}
