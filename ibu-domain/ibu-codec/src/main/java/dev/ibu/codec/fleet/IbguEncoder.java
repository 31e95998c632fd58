package dev.ibu.codec.fleet;

import dev.ibu.codec.IbuSpecs;
import dev.ibu.domain.GoDuration;
import dev.ibu.domain.fleet.Canary;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.FailureBudget;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.LabelSelector;
import dev.ibu.domain.fleet.OnFailure;
import dev.ibu.domain.fleet.PlanItem;
import dev.ibu.domain.fleet.RolloutStatus;
import dev.ibu.domain.fleet.RolloutStrategy;
import dev.ibu.domain.fleet.RowState;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Domain -> wire; TALM's fields first, ibu's only when set, so a TALM manifest comes back as it was. */
final class IbguEncoder {
    private IbguEncoder() {
    }

    static IbguObject object(ImageBasedGroupUpgrade g) {
        return new IbguObject(IbguCodec.API_VERSION, IbguCodec.KIND,
                new IbguObject.IbguMetadata(g.name(), g.namespace().isEmpty() ? null : g.namespace()),
                new IbguSpec(g.clusterLabelSelectors().map(IbguEncoder::selector).toJavaList(),
                        IbuSpecs.encode(g.ibuSpec()), g.plan().map(IbguEncoder::item).toJavaList()),
                status(g.status()));
    }

    private static IbguSpec.Selector selector(LabelSelector s) {
        return new IbguSpec.Selector(s.matchLabels().toJavaMap(),
                s.matchExpressions().map(r -> new IbguSpec.Requirement(r.key(), r.operator().wireName(),
                        r.values().toJavaList())).toJavaList());
    }

    private static IbguSpec.PlanItem item(PlanItem p) {
        RolloutStrategy s = p.rolloutStrategy();
        return new IbguSpec.PlanItem(p.actions().map(a -> a.wireName()).toJavaList(),
                new IbguSpec.RolloutStrategy(s.maxConcurrency(), (int) s.timeout().toMinutes(),
                        s.maxFailures().map(IbguEncoder::budget).getOrNull(),
                        s.canary().map(IbguEncoder::canary).getOrNull(),
                        s.onFailure() == OnFailure.ABORT ? null : s.onFailure().wireName()));
    }

    private static Object budget(FailureBudget b) {
        return b.percent() ? b.toString() : (Object) b.value();
    }

    private static IbguSpec.Canary canary(Canary c) {
        Object clusters = c.names().isEmpty() ? (Object) c.count() : c.names().toJavaList();
        return new IbguSpec.Canary(clusters, GoDuration.format(c.soak().getSeconds()));
    }

    static IbguStatus status(RolloutStatus s) {
        if (s.equals(RolloutStatus.initial())) {
            return null;
        }
        List<IbguStatus.Cluster> clusters = s.clusters().values().map(IbguEncoder::cluster).toJavaList();
        return new IbguStatus(s.step(), s.stepStartedAt().map(IbguEncoder::time).getOrNull(),
                s.halt().map(h -> new IbguStatus.Halted(h.step(), h.planSize(), h.message())).getOrNull(),
                clusters);
    }

    static IbguStatus.Cluster cluster(ClusterRow r) {
        return new IbguStatus.Cluster(r.name(),
                r.completedActions().map(a -> new IbguStatus.ActionMessage(a.wireName(), null)).toJavaList(),
                r.failedActions().map(f -> new IbguStatus.ActionMessage(f.action().wireName(), f.message()))
                        .toJavaList(),
                r.state() == RowState.IN_PROGRESS ? new IbguStatus.ActionMessage(r.action().wireName(), null) : null,
                r.step(), r.state().wireName(), time(r.since()), time(r.startedAt()), r.message(),
                r.held() ? Boolean.TRUE : null);
    }

    private static OffsetDateTime time(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
