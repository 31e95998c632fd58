package dev.ibu.ports.fleet;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.Decision;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.LabelChange;
import dev.ibu.domain.fleet.PlanRules;
import dev.ibu.domain.fleet.Rollout;
import dev.ibu.domain.fleet.RolloutStatus;
import dev.ibu.domain.fleet.RowState;
import dev.ibu.domain.fleet.Spoke;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * One reconcile pass of an IBGU: observe (the IBGU, its ManagedClusters, its spokes' ManifestWorks with their status
 * feedback, trusted only at the work's current generation), decide ({@code Rollout.decide}), act (label the clusters,
 * write each changed row onto its spoke's work, which also starts the spoke), then persist the rollout record and the
 * bounded status view. Level-triggered: a pass repeated, or cut short at any point and run again, reaches the same
 * state, because the rows live on the works (one write starts a spoke and records it) and the status carries only
 * what the rows do not (step, halt).
 */
public final class HubEngine {
    private static final Logger LOG = LoggerFactory.getLogger(HubEngine.class);

    private final HubPorts ports;
    private final int maxStatusRows;

    public HubEngine(HubPorts ports) {
        this(ports, StatusView.MAX_ROWS);
    }

    public HubEngine(HubPorts ports, int maxStatusRows) {
        this.ports = ports;
        this.maxStatusRows = maxStatusRows;
    }

    public Either<PortFailure, HubPass> reconcile(IbguRef ref) {
        Either<PortFailure, Option<StoredIbgu>> read = ports.store().read(ref);
        if (read.isLeft()) {
            return Either.left(read.getLeft());
        }
        if (read.get().isEmpty()) {
            return forget(ref);
        }
        return pass(read.get().get());
    }

    /**
     * The IBGU is gone: delete its works (they orphan what they applied, so no spoke's IBU is touched). ManifestWorks
     * live in the spokes' namespaces, which an owner reference from the IBGU's namespace cannot reach.
     */
    private Either<PortFailure, HubPass> forget(IbguRef ref) {
        Either<PortFailure, List<WorkState>> works = ports.works().list(ref);
        if (works.isLeft()) {
            return Either.left(works.getLeft());
        }
        int n = 0;
        for (WorkState w : works.get()) {
            Either<PortFailure, Void> d = ports.works().delete(ref, w.cluster());
            if (d.isLeft()) {
                return Either.left(d.getLeft());
            }
            n++;
        }
        if (n > 0) {
            LOG.info("ibgu {} was deleted: deleted its {} ManifestWork(s), the spokes' IBUs stay as they are", ref, n);
        }
        return Either.right(HubPass.gone(n));
    }

    private Either<PortFailure, HubPass> pass(StoredIbgu stored) {
        ImageBasedGroupUpgrade ibgu = stored.ibgu();
        IbguRef ref = stored.ref();
        List<String> errors = PlanRules.validate(ibgu.plan());
        if (!errors.isEmpty()) {
            String msg = errors.mkString("; ");
            ports.events().emit(ref, dev.ibu.ports.out.EventPort.Type.WARNING, "InvalidPlan", msg);
            return Either.left(PortFailure.invalid("ImageBasedGroupUpgrade " + ref + ": " + msg));
        }
        Either<PortFailure, List<ManagedCluster>> clusters = ports.clusters().list(ibgu.clusterLabelSelectors());
        if (clusters.isLeft()) {
            return Either.left(clusters.getLeft());
        }
        Either<PortFailure, List<WorkState>> works = ports.works().list(ref);
        if (works.isLeft()) {
            return Either.left(works.getLeft());
        }
        Map<String, WorkState> byCluster = HashMap.ofEntries(works.get().map(w -> io.vavr.Tuple.of(w.cluster(), w)));
        RolloutStatus before = new RolloutStatus(ibgu.status().step(), ibgu.status().stepStartedAt(),
                ibgu.status().halt(), TreeMap.ofEntries(works.get().map(w -> io.vavr.Tuple.of(w.cluster(), w.row()))));
        Decision d = Rollout.decide(ibgu.withStatus(before), spokes(clusters.get(), byCluster),
                ports.clock().now());

        Either<PortFailure, Integer> labels = applyLabels(d.labels(), clusters.get());
        if (labels.isLeft()) {
            return Either.left(labels.getLeft());
        }
        Either<PortFailure, Integer> paused = ImportPause.before(ports.clusters(), clusters.get(), d);
        if (paused.isLeft()) {
            return Either.left(paused.getLeft());
        }
        Either<PortFailure, Integer> written = writeRows(ref, stored, before, d);
        if (written.isLeft()) {
            return Either.left(written.getLeft());
        }
        Either<PortFailure, Integer> resumed = ImportPause.after(ports.clusters(), clusters.get(), d);
        if (resumed.isLeft()) {
            return Either.left(resumed.getLeft());
        }
        HubStatus status = StatusView.of(d, maxStatusRows);
        boolean changed = !status.rollout().equals(ibgu.status()) || !stored.summary().contains(status.summary());
        if (changed) {
            Either<PortFailure, String> w = ports.store().writeStatus(ref, stored.resourceVersion(), status);
            if (w.isLeft()) {
                return Either.left(w.getLeft());
            }
        }
        HubNotices.emit(ports.events(), ref, ibgu, before, d);
        LOG.debug("ibgu {} step {}: {} started, {} works written, {} labels, summary {}", ref, d.step(),
                d.starts().size(), written.get(), labels.get(), d.summary());
        return Either.right(new HubPass(Option.some(d), d.wakeAt(), written.get(), labels.get(), changed));
    }

    /** Every selected cluster, and every cluster with a work (it may have lost its labels), with trusted conditions. */
    private static List<Spoke> spokes(List<ManagedCluster> clusters, Map<String, WorkState> works) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Spoke> out = List.empty();
        for (ManagedCluster c : clusters) {
            seen.add(c.name());
            out = out.prepend(new Spoke(c.name(), c.labels(),
                    works.get(c.name()).map(WorkState::trustedConditions).getOrElse(Conditions.EMPTY)));
        }
        for (WorkState w : works.values()) {
            if (!seen.contains(w.cluster())) {
                out = out.prepend(new Spoke(w.cluster(), TreeMap.empty(), w.trustedConditions()));
            }
        }
        return out.reverse();
    }

    private Either<PortFailure, Integer> applyLabels(List<LabelChange> changes, List<ManagedCluster> clusters) {
        Map<String, ManagedCluster> byName = HashMap.ofEntries(clusters.map(c -> io.vavr.Tuple.of(c.name(), c)));
        int n = 0;
        for (LabelChange c : changes) {
            boolean has = byName.get(c.cluster()).exists(m -> m.labels().containsKey(c.key()));
            if (has == c.set()) {
                continue;
            }
            Either<PortFailure, Void> r = ports.clusters().label(c);
            if (r.isLeft() && !(r.getLeft() instanceof PortFailure.NotFound)) {
                return Either.left(r.getLeft());
            }
            n++;
        }
        return Either.right(n);
    }

    /**
     * Writes every row that changed; a row whose message alone moved is not rewritten. Finishes (completed, failed,
     * next action) go first and new starts only once they all landed: a start must never be written while the record
     * of a finished spoke is not, or the works would show more spokes in flight than maxConcurrency allows.
     */
    private Either<PortFailure, Integer> writeRows(IbguRef ref, StoredIbgu stored, RolloutStatus before,
                                                   Decision d) {
        List<ClusterRow> changed = d.statusAfter().clusters().values().toList()
                .filter(row -> !before.clusters().get(row.name()).exists(o -> sameRecord(o, row)));
        java.util.function.Predicate<ClusterRow> isStart = row -> before.clusters().get(row.name())
                .forAll(o -> o.step() != row.step() || o.state() != RowState.IN_PROGRESS);
        Either<PortFailure, Integer> finishes = write(ref, stored, changed.filter(r -> !isStart.test(r)));
        if (finishes.isLeft()) {
            return finishes;
        }
        return write(ref, stored, changed.filter(isStart)).map(n -> n + finishes.get());
    }

    private Either<PortFailure, Integer> write(IbguRef ref, StoredIbgu stored, List<ClusterRow> rows) {
        int n = 0;
        Option<PortFailure> first = Option.none();
        for (ClusterRow row : rows) {
            Either<PortFailure, Void> r = ports.works().apply(SpokeWork.of(ref, row, stored.ibgu().ibuSpec(),
                    stored.ibuAnnotations()));
            if (r.isLeft()) {
                LOG.warn("ibgu {}: cannot write the work of {}: {}", ref, row.name(), r.getLeft().message());
                first = first.orElse(Option.some(r.getLeft()));
                continue;
            }
            n++;
        }
        if (first.isDefined()) {
            ports.events().emit(ref, dev.ibu.ports.out.EventPort.Type.WARNING, "SpokeWorkFailed",
                    first.get().message());
            return Either.left(first.get());
        }
        return Either.right(n);
    }

    static boolean sameRecord(ClusterRow a, ClusterRow b) {
        return a.equals(b) || (a.state() == b.state() && withoutMessage(a).equals(withoutMessage(b)));
    }

    private static ClusterRow withoutMessage(ClusterRow r) {
        return new ClusterRow(r.name(), r.step(), r.action(), r.state(), r.since(), r.startedAt(), "",
                r.completedActions(), r.failedActions(), r.held());
    }

}
