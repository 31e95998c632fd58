package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.VeleroCr;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Velero's filter semantics as the local backup reads a Backup spec. */
class BackupSelectionTest {
    private static final ApiResource CONFIG_MAPS = new ApiResource("", "v1", "configmaps", "ConfigMap", true, "configmap",
            List.of("cm"));
    private static final ApiResource DEPLOYMENTS = new ApiResource("apps", "v1", "deployments", "Deployment", true,
            "deployment", List.of("deploy"));
    private static final ApiResource CLUSTER_ROLES = new ApiResource("rbac.authorization.k8s.io", "v1", "clusterroles",
            "ClusterRole", false, "clusterrole", List.of());

    private static BackupSelection selection(Map<String, Object> spec) {
        VeleroCr b = new VeleroCr(VeleroCr.BACKUP, "b", "openshift-adp", Map.of("spec", spec));
        return BackupSelection.of(b, false).get();
    }

    @Test
    void resource_names_match_as_velero_names_them() {
        BackupSelection s = selection(Map.of("includedNamespaceScopedResources", List.of("deploy", "configmaps")));

        assertThat(s.takes(DEPLOYMENTS)).isTrue();
        assertThat(s.takes(CONFIG_MAPS)).isTrue();
        assertThat(DEPLOYMENTS.named("deployments.apps")).isTrue();
        assertThat(DEPLOYMENTS.named("Deployment")).isTrue();
        assertThat(DEPLOYMENTS.named("deployments.extensions")).isFalse();
        assertThat(selection(Map.of("includedNamespaceScopedResources", List.of("deploy"))).takes(CONFIG_MAPS)).isFalse();
    }

    @Test
    void cluster_scoped_kinds_only_when_asked_in_the_new_style_and_by_default_only_for_all_namespaces_in_the_old() {
        assertThat(selection(Map.of("includedNamespaces", List.of("shop"))).takes(CLUSTER_ROLES)).isFalse();
        assertThat(selection(Map.of()).takes(CLUSTER_ROLES)).isTrue();
        assertThat(selection(Map.of("includedNamespaces", List.of("shop"), "includeClusterResources", true))
                .takes(CLUSTER_ROLES)).isTrue();
        assertThat(selection(Map.of("includeClusterResources", false)).takes(CLUSTER_ROLES)).isFalse();
        assertThat(selection(Map.of("includedClusterScopedResources", List.of("clusterroles"))).takes(CLUSTER_ROLES)).isTrue();
        assertThat(selection(Map.of("includedNamespaceScopedResources", List.of("*"))).takes(CLUSTER_ROLES)).isFalse();
    }

    @Test
    void namespaces_include_exclude_and_globs() {
        BackupSelection s = selection(Map.of("includedNamespaces", List.of("shop-*"), "excludedNamespaces",
                List.of("shop-test")));

        assertThat(s.namespaceIncluded("shop-prod")).isTrue();
        assertThat(s.namespaceIncluded("shop-test")).isFalse();
        assertThat(s.namespaceIncluded("other")).isFalse();
        assertThat(s.explicitNamespaces()).isEmpty();
        assertThat(selection(Map.of("includedNamespaces", List.of("a", "b"))).explicitNamespaces()).containsExactly("a", "b");
    }

    @Test
    void label_selectors_and_or_selectors_and_the_apply_label_narrowing() {
        BackupSelection or = selection(Map.of("orLabelSelectors", List.of(Map.of("matchLabels", Map.of("app", "a")),
                Map.of("matchExpressions", List.of(Map.of("key", "tier", "operator", "In", "values", List.of("db")))))));
        VeleroCr labelled = new VeleroCr(VeleroCr.BACKUP, "b", "ns", Map.of("spec", Map.of("labelSelector",
                Map.of("matchLabels", Map.of("app", "a")))));

        assertThat(or.labelsMatch(Map.of("app", "a"))).isTrue();
        assertThat(or.labelsMatch(Map.of("tier", "db"))).isTrue();
        assertThat(or.labelsMatch(Map.of("tier", "web"))).isFalse();
        assertThat(BackupSelection.of(labelled, true).get().labelsMatch(Map.of("app", "a"))).isFalse();
        assertThat(BackupSelection.of(labelled, true).get().labelsMatch(Map.of("app", "a", "lca.openshift.io/backup", "b")))
                .isTrue();
    }

    @Test
    void mixing_filter_styles_or_selectors_is_refused_with_the_fix() {
        VeleroCr mixed = new VeleroCr(VeleroCr.BACKUP, "b", "ns", Map.of("spec", Map.of("includedResources", List.of("cm"),
                "includedClusterScopedResources", List.of("clusterroles"))));
        VeleroCr both = new VeleroCr(VeleroCr.BACKUP, "b", "ns", Map.of("spec", Map.of("labelSelector", Map.of(),
                "orLabelSelectors", List.of())));

        assertThat(BackupSelection.of(mixed, false).getLeft()).contains("Backup b").contains("cannot be used together");
        assertThat(BackupSelection.of(both, false).getLeft()).contains("labelSelector and orLabelSelectors");
    }
}
