package dev.ibu.ports.fleet;

import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.Decision;
import dev.ibu.domain.fleet.RolloutStatus;
import dev.ibu.domain.fleet.RowState;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;

/**
 * The bounded {@code status.clusters[]}: at most {@link #MAX_ROWS} rows (about 300 bytes each, so the IBGU stays far
 * below etcd's 1.5 MiB object limit at any fleet size), the current step's failures first, then its spokes in
 * flight, then the rest by name. The summary counts every spoke; each spoke's full row is on its ManifestWork.
 */
final class StatusView {
    static final int MAX_ROWS = 500;

    private StatusView() {
    }

    static HubStatus of(Decision d, int maxRows) {
        RolloutStatus all = d.statusAfter();
        List<ClusterRow> rows = all.clusters().values().toList();
        List<ClusterRow> ordered = rows.sortBy(r -> rank(r, d.step()) + r.name());
        List<ClusterRow> shown = ordered.take(maxRows);
        RolloutStatus view = new RolloutStatus(all.step(), all.stepStartedAt(), all.halt(),
                TreeMap.ofEntries(shown.map(r -> io.vavr.Tuple.of(r.name(), r))));
        return new HubStatus(view, d.summary(), rows.size() - shown.size());
    }

    /** A sort prefix: failures of the decided step, then its spokes in flight, then everything else. */
    private static String rank(ClusterRow r, int step) {
        if (r.step() == step && r.state().failure()) {
            return "0";
        }
        if (r.step() == step && r.state() == RowState.IN_PROGRESS) {
            return "1";
        }
        return "2";
    }
}
