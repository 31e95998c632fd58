package dev.ibu.adapters.oadp;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OadpContentDecoderTest {
    @Test
    void keeps_velero_backups_and_restores_of_yaml_streams_and_json_ignores_the_rest() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("a.yaml", "---\n" + Docs.stream(Docs.backup("b1", "1"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
                Docs.restore("r1", "b1", null)) + "---\n");
        data.put("b.json", "{\"apiVersion\":\"velero.io/v1\",\"kind\":\"Restore\",\"metadata\":{\"name\":\"r2\","
                + "\"namespace\":\"openshift-adp\"},\"spec\":{\"backupName\":\"b1\"}}");
        data.put("c.yaml", "apiVersion: velero.io/v2\nkind: Backup\nmetadata:\n  name: other-version\n");

        var crs = OadpContentDecoder.decode(data).get();

        assertThat(crs).extracting(VeleroCr::kind, VeleroCr::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Backup", "b1"),
                        org.assertj.core.groups.Tuple.tuple("Restore", "r1"),
                        org.assertj.core.groups.Tuple.tuple("Restore", "r2"));
        assertThat(crs.get(0).annotations()).containsEntry(OadpNames.APPLY_WAVE, "1");
        assertThat(crs.get(2).backupName()).isEqualTo("b1");
    }

    @Test
    void broken_documents_abort_with_upstream_prefixes() {
        assertThat(OadpContentDecoder.decode(Map.of("k", "kind: [unclosed")).getLeft()).startsWith("failed to decode file: ");
        assertThat(OadpContentDecoder.decode(Map.of("k", "apiVersion: velero.io/v1\nmetadata: {}\n")).getLeft())
                .startsWith("failed to decode file: Object 'Kind' is missing in");
        assertThat(OadpContentDecoder.decode(Map.of("k", "apiVersion: velero.io/v1\nkind: Backup\nspec: [1]\n")).getLeft())
                .isEqualTo("failed to convert to unstructured: spec of a Backup must be an object");
        assertThat(OadpContentDecoder.decode(Map.of("k", "apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: b\n"
                + "  annotations:\n    lca.openshift.io/apply-wave: 3\n")).getLeft())
                .startsWith("failed to convert to unstructured: metadata.annotations of a Backup must be a map of strings");
    }
}
