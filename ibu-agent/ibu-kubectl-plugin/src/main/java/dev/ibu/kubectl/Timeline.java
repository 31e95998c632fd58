package dev.ibu.kubectl;

import dev.ibu.domain.History;
import dev.ibu.domain.PhaseHistory;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StageHistory;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * The stage and phase timeline of {@code status.history}, with the reboot made visible: upstream's documentation
 * tells admins to compute it by hand as PostPivot's start minus PrePivot's completion; this puts it between the two
 * phases. A stage or phase with a start and no completion is running (or failed: upstream writes completion times
 * only on success), so it is measured up to now only while it is the last thing started.
 */
final class Timeline {
    private Timeline() {
    }

    static List<TimelineRow> rows(List<StageHistory> history) {
        List<TimelineRow> rows = List.empty();
        for (int i = 0; i < history.size(); i++) {
            StageHistory stage = history.get(i);
            boolean lastStage = i == history.size() - 1;
            rows = rows.append(new TimelineRow(stage.stage(), 0, stage.startTime(), stage.completionTime(),
                    lastStage && stage.completionTime().isEmpty()));
            List<PhaseHistory> phases = stage.phases();
            for (int j = 0; j < phases.size(); j++) {
                PhaseHistory p = phases.get(j);
                boolean lastPhase = lastStage && j == phases.size() - 1;
                rows = rows.append(new TimelineRow(p.phase(), 1, p.startTime(), p.completionTime(),
                        lastPhase && p.completionTime().isEmpty()));
                if (p.phase().equals(History.PHASE_PRE_PIVOT) && p.completionTime().isDefined()) {
                    Option<PhaseHistory> post = phases.find(q -> q.phase().equals(History.PHASE_POST_PIVOT));
                    Option<java.time.Instant> postStart = post.flatMap(PhaseHistory::startTime);
                    rows = rows.append(new TimelineRow(TimelineRow.REBOOT, 1, p.completionTime(), postStart,
                            lastStage && postStart.isEmpty() && stage.completionTime().isEmpty()));
                }
            }
        }
        return rows;
    }

    /** Reboot time, exactly: the Upgrade entry's PostPivot start minus its PrePivot completion, when both are known. */
    static Option<Duration> rebootTime(List<StageHistory> history) {
        return history.find(s -> s.stage().equals(Stage.UPGRADE.wireName())).flatMap(up -> {
            Option<java.time.Instant> pre = up.phases().find(p -> p.phase().equals(History.PHASE_PRE_PIVOT))
                    .flatMap(PhaseHistory::completionTime);
            Option<java.time.Instant> post = up.phases().find(p -> p.phase().equals(History.PHASE_POST_PIVOT))
                    .flatMap(PhaseHistory::startTime);
            return pre.isDefined() && post.isDefined()
                    ? Option.some(Duration.between(pre.get(), post.get()))
                    : Option.none();
        });
    }
}
