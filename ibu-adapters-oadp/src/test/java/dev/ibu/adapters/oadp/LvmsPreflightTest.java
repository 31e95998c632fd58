package dev.ibu.adapters.oadp;

import dev.ibu.adapters.oadp.LvmsPreflight.LvmsClaim;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LvmsPreflightTest {
    private static final LvmsClaim CLAIM = new LvmsClaim("test", "pvc-db", "lvms-vg1");

    private static VeleroCr backup(String yamlSpec) {
        return OadpContentDecoder.decode(Map.of("k", "apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: b\n"
                + "  namespace: openshift-adp\nspec:\n" + yamlSpec)).get().get(0);
    }

    @Test
    void the_seed_documents_examples_raise_no_warning() {
        List<VeleroCr> content = OadpContentDecoder.decode(Map.of("k", Docs.stream(
                Docs.backup("test", "1"), Docs.restore("r", "test", "1")))).get();
        assertThat(LvmsPreflight.warnings(content, List.of(CLAIM))).isEmpty();
    }

    @Test
    void filters_decide_whether_a_backup_takes_a_claim() {
        assertThat(LvmsPreflight.takes(backup("  includedNamespaces: [test]\n"), CLAIM)).isTrue();
        assertThat(LvmsPreflight.takes(backup("  includedNamespaces: ['*']\n"), CLAIM)).isTrue();
        assertThat(LvmsPreflight.takes(backup("  includedNamespaces: [other]\n"), CLAIM)).isFalse();
        assertThat(LvmsPreflight.takes(backup("  excludedNamespaces: [test]\n"), CLAIM)).isFalse();
        assertThat(LvmsPreflight.takes(backup("  includedNamespaceScopedResources: [secrets]\n"), CLAIM)).isFalse();
        assertThat(LvmsPreflight.takes(backup("  includedResources: [persistentvolumeclaims]\n"), CLAIM)).isTrue();
        assertThat(LvmsPreflight.takes(backup("  excludedResources: [persistentvolumeclaims]\n"), CLAIM)).isFalse();
    }

    @Test
    void only_claims_of_lvms_classes_count() {
        List<LvmsClaim> claims = List.of(CLAIM, new LvmsClaim("test", "nfs", "nfs-class"));
        assertThat(LvmsPreflight.claims(Map.of("lvms-vg1", "topolvm.io", "nfs-class", "nfs.csi"), claims))
                .containsExactly(CLAIM);
    }
}
