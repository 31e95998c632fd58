package dev.ibu.adapters.oadp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApplyLabelTargetTest {
    private static Map<String, String> annotation(String value) {
        return Map.of(OadpNames.APPLY_LABEL, value);
    }

    @Test
    void segment_counts_decide_group_and_scope() {
        assertThat(ApplyLabelTarget.parse(annotation("v1/namespaces/klusterlet,v1/secrets/ns1/s,"
                + "rbac.authorization.k8s.io/v1/clusterroles/cr,apps/v1/deployments/ns2/d")).get()).containsExactly(
                new ApplyLabelTarget("", "v1", "namespaces", "", "klusterlet"),
                new ApplyLabelTarget("", "v1", "secrets", "ns1", "s"),
                new ApplyLabelTarget("rbac.authorization.k8s.io", "v1", "clusterroles", "", "cr"),
                new ApplyLabelTarget("apps", "v1", "deployments", "ns2", "d"));
    }

    @Test
    void duplicates_dropped_no_trimming_and_bad_entries_named() {
        assertThat(ApplyLabelTarget.parse(annotation("v1/namespaces/a,v1/namespaces/a")).get()).hasSize(1);
        assertThat(ApplyLabelTarget.parse(annotation("v1/namespaces/a, v1/namespaces/b")).get().get(1).version())
                .isEqualTo(" v1");
        assertThat(ApplyLabelTarget.parse(annotation("v1/namespaces/a,")).getLeft())
                .isEqualTo("invalid apply-label obj in annotation value: ");
        assertThat(ApplyLabelTarget.parse(annotation("a/b/c/d/e/f")).getLeft())
                .isEqualTo("invalid apply-label obj in annotation value: a/b/c/d/e/f");
        assertThat(ApplyLabelTarget.parse(annotation("v1/x")).isLeft()).isTrue();
    }

    @Test
    void absent_or_empty_means_no_objects() {
        assertThat(ApplyLabelTarget.parse(Map.of()).get()).isEqualTo(List.of());
        assertThat(ApplyLabelTarget.parse(annotation("")).get()).isEmpty();
        assertThat(ApplyLabelTarget.parse(null).get()).isEmpty();
    }
}
