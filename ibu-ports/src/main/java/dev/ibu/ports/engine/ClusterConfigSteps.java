package dev.ibu.ports.engine;

import dev.ibu.domain.Messages;
import dev.ibu.ports.out.ClusterConfiguration;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.NodeConfiguration;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The cluster configuration carried across the pivot (oadp-and-manifests.md §4): gathered from the cluster and the
 * node and written into the new stateroot before the pivot; its manifests applied after it, before anything waits
 * for health (upstream's {@code lca-cli post-pivot} applies them before the operator runs), then discarded so that
 * later passes do not apply them again.
 */
final class ClusterConfigSteps {
    /** Upstream's wrapper for every failure while gathering (it retried for ever; a missing object fails here). */
    static final String FETCH_FAILED = "error while fetching cluster configuration: ";
    /** Upstream's post-pivot message; it triggers the automatic rollback. */
    static final String APPLY_FAILED = "failed apply manifests: ";
    static final String ROLLBACK_REASON = "Rollback due to postpivot failure: ";

    private ClusterConfigSteps() {
    }

    /**
     * Prep (before the stateroot setup job): the node's and the cluster's required sources can be read, so that a
     * missing pull secret or SSH key fails Prep naming it rather than the Upgrade an hour later. Nothing is written.
     */
    static Step checkAtPrep(Pass pass) {
        String context = PrepHandler.INVALID_SPEC + "the cluster configuration cannot be carried over: ";
        Either<Step, NodeConfiguration> node = pass.call(pass.ports.clusterConfigFiles().readNode(), context);
        if (node.isLeft()) {
            return node.getLeft();
        }
        return pass.act(pass.ports.clusterConfig().gather(), context);
    }

    /** Pre-pivot: "Exporting Cluster, LVM, and cert-manager configuration", then node + cluster into the stateroot. */
    static Step export(Pass pass, String newStateroot) {
        Step step = Milestone.write(pass, Messages.EXPORTING_CLUSTER_CONFIG);
        if (!step.proceeds()) {
            return step;
        }
        Either<Step, NodeConfiguration> node = pass.call(pass.ports.clusterConfigFiles().readNode(), FETCH_FAILED);
        if (node.isLeft()) {
            return node.getLeft();
        }
        Either<Step, ClusterConfiguration> cluster = pass.call(pass.ports.clusterConfig().gather(), FETCH_FAILED);
        if (cluster.isLeft()) {
            return cluster.getLeft();
        }
        return pass.act(pass.ports.clusterConfigFiles().save(newStateroot, cluster.get().withNode(node.get())),
                "failed to write the cluster configuration into stateroot " + newStateroot + ": ");
    }

    /**
     * Post-pivot: the saved manifests applied in order, the first failure failing the upgrade into the automatic
     * rollback; once all are applied the saved configuration is discarded. Nothing saved: nothing to do.
     */
    static Step applyAfterPivot(Pass pass, String booted) {
        Either<Step, Option<ExportBundle>> saved = pass.call(pass.ports.clusterConfigFiles().loadManifests(booted),
                APPLY_FAILED);
        if (saved.isLeft()) {
            return rollBackIfFailed(saved.getLeft());
        }
        if (saved.get().isEmpty()) {
            return Step.proceed();
        }
        Step applied = pass.act(pass.ports.clusterConfig().apply(saved.get().get()), APPLY_FAILED);
        if (!applied.proceeds()) {
            return rollBackIfFailed(applied);
        }
        return pass.act(pass.ports.clusterConfigFiles().discard(booted), "failed to delete the applied cluster "
                + "configuration from stateroot " + booted + ": ");
    }

    private static Step rollBackIfFailed(Step step) {
        if (step instanceof Step.FailStage f) {
            return new Step.FailAndRollBack(f.message(), ROLLBACK_REASON + f.message());
        }
        return step;
    }
}
