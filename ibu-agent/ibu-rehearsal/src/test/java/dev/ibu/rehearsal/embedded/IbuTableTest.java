package dev.ibu.rehearsal.embedded;

import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Table kubectl prints for {@code kubectl get ibu}: the CRD's printer columns, the LAST condition. */
class IbuTableTest {

    @Test
    void a_row_shows_the_desired_stage_and_the_last_condition() {
        String ibu = "{\"kind\":\"ImageBasedUpgrade\",\"metadata\":{\"name\":\"upgrade\",\"creationTimestamp\":"
                + "\"2024-01-01T09:00:00Z\"},\"spec\":{\"stage\":\"Upgrade\"},\"status\":{\"conditions\":["
                + "{\"type\":\"Idle\",\"reason\":\"InProgress\",\"message\":\"In progress\"},"
                + "{\"type\":\"UpgradeInProgress\",\"reason\":\"Failed\",\"message\":\"Rollback due to LCA Init "
                + "Monitor timeout, after 5m0s\"}]}}";

        Map<String, Object> table = Serialization.unmarshal(IbuTable.fromJson(ibu,
                Instant.parse("2024-01-01T09:03:33Z")), Map.class);

        assertThat(table).containsEntry("kind", "Table");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) table.get("rows");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("cells")).isEqualTo(List.of("upgrade", "3m33s", "Upgrade", "Failed",
                "Rollback due to LCA Init Monitor timeout, after 5m0s"));
    }

    @Test
    void a_list_gives_one_row_per_item_and_a_fresh_cr_has_empty_state() {
        String list = "{\"kind\":\"ImageBasedUpgradeList\",\"items\":[{\"metadata\":{\"name\":\"upgrade\"},"
                + "\"spec\":{\"stage\":\"Idle\"},\"status\":null}]}";

        Map<String, Object> table = Serialization.unmarshal(IbuTable.fromJson(list, Instant.EPOCH), Map.class);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) table.get("rows");
        assertThat(rows.get(0).get("cells")).isEqualTo(List.of("upgrade", "<unknown>", "Idle", "", ""));
    }

    @Test
    void ages_read_like_kubectl() {
        assertThat(IbuTable.age(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(IbuTable.age(Duration.ofSeconds(213))).isEqualTo("3m33s");
        assertThat(IbuTable.age(Duration.ofMinutes(12))).isEqualTo("12m");
        assertThat(IbuTable.age(Duration.ofMinutes(303))).isEqualTo("5h3m");
        assertThat(IbuTable.age(Duration.ofDays(3))).isEqualTo("3d");
    }
}
