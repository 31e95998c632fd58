package dev.ibu.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.PhaseHistory;
import dev.ibu.domain.StageHistory;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimelineTest {
    private static final Instant NOW = Instant.parse("2024-01-01T09:45:00Z");

    @Test
    void rebootTimeIsPostPivotStartMinusPrePivotCompletionExactly() {
        var history = Docs.ibu("upgrade-restoring.yaml").status().history();
        assertThat(Timeline.rebootTime(history)).contains(Duration.ofSeconds(6 * 60 + 35));
    }

    @Test
    void rebootTimeKeepsSubSecondPrecision() {
        var history = List.of(upgrade(Instant.parse("2024-01-01T09:35:12.250Z"), Instant.parse("2024-01-01T09:41:47.750Z")));
        assertThat(Timeline.rebootTime(history)).contains(Duration.ofMillis(395_500));
    }

    @Test
    void noRebootTimeBeforeThePivotOrOutsideUpgrade() {
        assertThat(Timeline.rebootTime(List.of(upgrade(Instant.parse("2024-01-01T09:35:12Z"), null)))).isEmpty();
        assertThat(Timeline.rebootTime(Docs.ibu("prep-precaching.yaml").status().history())).isEmpty();
        assertThat(Timeline.rebootTime(List.empty())).isEmpty();
    }

    @Test
    void rowsFollowTheHistoryWithTheRebootBetweenPrePivotAndPostPivot() {
        var rows = Timeline.rows(Docs.ibu("upgrade-restoring.yaml").status().history());
        assertThat(rows.map(r -> "  ".repeat(r.depth()) + r.name()))
                .containsExactly("Prep", "  Stateroot", "  Precache", "Upgrade", "  PrePivot", "  Reboot", "  PostPivot");
        assertThat(rows.map(TimelineRow::running)).containsExactly(false, false, false, true, false, false, true);
        assertThat(rows.map(r -> r.duration(NOW).map(Duration::getSeconds).getOrNull()))
                .containsExactly(1200L, 505L, 687L, 900L, 311L, 395L, 193L);
    }

    @Test
    void whileTheNodeRebootsTheRebootRowRunsUpToNow() {
        var rows = Timeline.rows(List.of(upgrade(Instant.parse("2024-01-01T09:35:12Z"), null)));
        TimelineRow reboot = rows.find(r -> r.name().equals(TimelineRow.REBOOT)).get();
        assertThat(reboot.running()).isTrue();
        assertThat(reboot.duration(NOW)).contains(Duration.ofSeconds(588));
    }

    @Test
    void aStageThatStoppedWithoutCompletionIsNotMeasuredOnceALaterStageStarted() {
        var failedUpgrade = new StageHistory("Upgrade", Option.some(Instant.parse("2024-01-01T09:30:00Z")),
                Option.none(), List.empty());
        var rollback = new StageHistory("Rollback", Option.some(Instant.parse("2024-01-01T09:40:00Z")),
                Option.none(), List.empty());
        var rows = Timeline.rows(List.of(failedUpgrade, rollback));
        assertThat(rows.get(0).running()).isFalse();
        assertThat(rows.get(0).duration(NOW)).isEmpty();
        assertThat(rows.get(1).duration(NOW)).contains(Duration.ofMinutes(5));
    }

    private static StageHistory upgrade(Instant prePivotDone, Instant postPivotStart) {
        List<PhaseHistory> phases = List.of(new PhaseHistory("PrePivot",
                Option.some(prePivotDone.minusSeconds(300)), Option.some(prePivotDone)));
        if (postPivotStart != null) {
            phases = phases.append(new PhaseHistory("PostPivot", Option.some(postPivotStart), Option.none()));
        }
        return new StageHistory("Upgrade", Option.some(prePivotDone.minusSeconds(310)), Option.none(), phases);
    }
}
