package dev.ibu.ports.fleet;

import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.Decision;
import dev.ibu.domain.fleet.RowState;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * ACM's auto-import paused while a spoke upgrades, as TALM does around Upgrade (TALM#818): the pivot changes the
 * spoke's certificates and ACM would otherwise re-import it mid-upgrade. Level-triggered from the rows: the
 * annotation is set before a spoke's Upgrade work is written, and removed once the row left Upgrade in progress.
 */
final class ImportPause {
    static final String ANNOTATION = "import.open-cluster-management.io/disable-auto-import";

    private ImportPause() {
    }

    /** Sets the annotation on every spoke whose row is (or is about to be) Upgrade in progress. */
    static Either<PortFailure, Integer> before(ManagedClustersPort port, List<ManagedCluster> clusters, Decision d) {
        return apply(port, clusters, d, true);
    }

    /** Removes it from every spoke of this IBGU whose Upgrade is over (completed, failed, or moved on). */
    static Either<PortFailure, Integer> after(ManagedClustersPort port, List<ManagedCluster> clusters, Decision d) {
        return apply(port, clusters, d, false);
    }

    private static Either<PortFailure, Integer> apply(ManagedClustersPort port, List<ManagedCluster> clusters,
                                                      Decision d, boolean set) {
        Map<String, ManagedCluster> byName = HashMap.ofEntries(clusters.map(c -> io.vavr.Tuple.of(c.name(), c)));
        int n = 0;
        for (ClusterRow row : d.statusAfter().clusters().values()) {
            boolean upgrading = row.action() == Action.UPGRADE && row.state() == RowState.IN_PROGRESS;
            boolean upgraded = !upgrading && (row.action() == Action.UPGRADE
                    || row.completedActions().contains(Action.UPGRADE));
            boolean has = byName.get(row.name()).exists(c -> c.annotations().containsKey(ANNOTATION));
            if (set ? (upgrading && !has) : (upgraded && has)) {
                Either<PortFailure, Void> r = port.annotate(row.name(), ANNOTATION,
                        set ? Option.some("true") : Option.none());
                if (r.isLeft() && !(r.getLeft() instanceof PortFailure.NotFound)) {
                    return Either.left(r.getLeft());
                }
                n++;
            }
        }
        return Either.right(n);
    }
}
