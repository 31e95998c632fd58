package dev.ibu.ports.testkit;

import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestsTest {
    static final String TWO_DOCS = """
            ---
            # a comment
            apiVersion: velero.io/v1
            kind: Backup
            metadata:
              name: "backup-apps"
              namespace: openshift-adp
              annotations:
                "lca.openshift.io/apply-wave": '3'
                lca.openshift.io/apply-label: "apps/v1/deployments/apps/web"
              labels:
                name: not-the-name
            spec:
              includedNamespaces:
              - apps
            ---
            apiVersion: velero.io/v1
            kind: Restore
            metadata:
              name: restore-apps # trailing comment
            spec:
              backupName: backup-apps
            """;

    @Test
    void reads_the_fields_of_every_document() {
        List<ManifestDoc> docs = Manifests.parse("ns/cm key k", "k", TWO_DOCS);

        assertThat(docs).hasSize(2);
        ManifestDoc backup = docs.get(0);
        assertThat(backup.kind()).isEqualTo(Option.some("Backup"));
        assertThat(backup.apiVersion()).isEqualTo(Option.some("velero.io/v1"));
        assertThat(backup.name()).isEqualTo("backup-apps");
        assertThat(backup.namespace()).isEqualTo("openshift-adp");
        assertThat(backup.applyWave()).isEqualTo(Option.some("3"));
        ManifestDoc restore = docs.get(1);
        assertThat(restore.name()).isEqualTo("restore-apps");
        assertThat(restore.namespace()).isEmpty();
        assertThat(restore.backupName()).isEqualTo(Option.some("backup-apps"));
        assertThat(restore.text()).contains("kind: Restore").doesNotContain("kind: Backup");
    }

    @Test
    void empty_documents_are_skipped() {
        assertThat(Manifests.parse("s", "k", "---\n# nothing\n---\n\n")).isEmpty();
    }

    @Test
    void groups_by_wave_then_name_with_unwaved_last() {
        List<ManifestDoc> docs = List.of(doc("c", ""), doc("b", "2"), doc("a", "2"), doc("z", "-1"), doc("y", null));

        List<List<String>> groups = Manifests.groupByApplyWave(docs).get().map(g -> g.map(ManifestDoc::name));

        assertThat(groups).containsExactly(List.of("z"), List.of("a", "b"), List.of("c", "y"));
    }

    @Test
    void an_unparsable_wave_is_invalid_and_named() {
        PortFailure f = Manifests.groupByApplyWave(List.of(doc("a", "1.0"))).getLeft();

        assertThat(f).isInstanceOf(PortFailure.Invalid.class);
        assertThat(f.message()).contains("\"1.0\"").contains("a");
    }

    private static ManifestDoc doc(String name, String wave) {
        return new ManifestDoc("ns/cm key " + name, name, Option.some("v1"), Option.some("ConfigMap"), name, "ns",
                Option.of(wave), Option.none(), "");
    }
}
