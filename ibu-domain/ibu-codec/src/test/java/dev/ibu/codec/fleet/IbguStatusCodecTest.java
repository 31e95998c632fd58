package dev.ibu.codec.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.FailedAction;
import dev.ibu.domain.fleet.Halt;
import dev.ibu.domain.fleet.RolloutStatus;
import dev.ibu.domain.fleet.RowState;
import dev.ibu.domain.fleet.Summary;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class IbguStatusCodecTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final ClusterRow HELD = new ClusterRow("sno-3", 0, Action.PREP, RowState.HELD, T.plusSeconds(90),
            T, "pull failed", List.empty(), List.of(new FailedAction(Action.PREP, "pull failed")), true);
    private static final ClusterRow RUNNING = new ClusterRow("sno-4", 1, Action.UPGRADE, RowState.IN_PROGRESS, T, T,
            "", List.of(Action.PREP), List.empty(), false);

    @Test
    void a_row_survives_its_json_on_a_manifest_work() {
        for (ClusterRow r : List.of(HELD, RUNNING)) {
            assertThat(IbguStatusCodec.rowFromJson(IbguStatusCodec.rowJson(r)).get()).isEqualTo(r);
        }
        assertThat(IbguStatusCodec.rowJson(RUNNING).length()).isLessThan(400);
        assertThat(IbguStatusCodec.rowFromJson("{\"name\": 3, \"state\": [1]}").isLeft()).isTrue();
    }

    @Test
    void the_status_carries_summary_and_omitted_rows_and_reads_back() {
        RolloutStatus view = new RolloutStatus(1, Option.some(T), Option.some(new Halt(1, 2, "halted")),
                TreeMap.of("sno-3", HELD, "sno-4", RUNNING));
        Summary summary = new Summary(10, 2, 1, 6, 0, 0, 1);
        String json = IbguStatusCodec.statusJson(view, summary, 8);
        String ibgu = "{\"apiVersion\":\"lcm.openshift.io/v1alpha1\",\"kind\":\"ImageBasedGroupUpgrade\","
                + "\"metadata\":{\"name\":\"g\",\"namespace\":\"n\"},\"spec\":{\"plan\":[]},\"status\":" + json + "}";
        assertThat(json).contains("\"clustersOmitted\":8", "\"summary\":{\"total\":10");
        assertThat(IbguStatusCodec.summary(ibgu)).contains(summary);
        assertThat(IbguCodec.fromYaml(ibgu).get().status()).isEqualTo(view);
        assertThat(IbguStatusCodec.summary("{\"status\":{}}")).isEmpty();
    }
}
