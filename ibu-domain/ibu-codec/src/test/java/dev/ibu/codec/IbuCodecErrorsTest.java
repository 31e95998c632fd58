package dev.ibu.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A document that is not an ImageBasedUpgrade gets one line naming the document, the field and the fix (these are
 * the messages {@code explain} prints; they moved here with the parsing).
 */
class IbuCodecErrorsTest {
    private static final String HEAD = "apiVersion: lca.openshift.io/v1\nkind: ImageBasedUpgrade\n"
            + "metadata: {name: upgrade}\n";

    private static String error(String text) {
        var read = IbuCodec.readDocuments(text);
        assertThat(read.isLeft()).as("accepted: %s", read).isTrue();
        return read.getLeft().message();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown stage          | spec: {stage: prep}                                   | document 1: spec.stage "prep" is not a stage; use one of Idle, Prep, Upgrade, Rollback (case-sensitive)
            missing stage          | spec: {seedImageRef: {version: 4.15.2}}               | document 1: spec.stage is missing; set it to one of Idle, Prep, Upgrade, Rollback
            missing spec           | status: {}                                            | document 1: spec is missing; an ImageBasedUpgrade needs spec.stage (one of Idle, Prep, Upgrade, Rollback)
            bad condition status   | `spec: {stage: Idle}\nstatus: {conditions: [{type: Idle, status: "Yes", reason: Idle, message: Idle}]}` | document 1: status.conditions[0].status is "Yes"; use "True", "False" or "Unknown"
            condition without type | `spec: {stage: Idle}\nstatus: {conditions: [{status: "True"}]}` | document 1: status.conditions[0].type is missing; name the condition, e.g. PrepCompleted
            bad time               | `spec: {stage: Idle}\nstatus: {conditions: [{type: Idle, status: "True", lastTransitionTime: yesterday}]}` | document 1: status.conditions[0].lastTransitionTime "yesterday" is not an RFC 3339 time; write it as e.g. 2024-01-01T09:00:00Z
            ref without namespace  | `spec: {stage: Prep, extraManifests: [{name: a, namespace: b}, {name: c}]}` | document 1: spec.extraManifests[1] needs both name and namespace of a ConfigMap
            refs not a list        | `spec: {stage: Prep, oadpContent: {name: a, namespace: b}}` | document 1: spec.oadpContent must be a list
            negative timeout       | `spec: {stage: Idle, autoRollbackOnFailure: {initMonitorTimeoutSeconds: -5}}` | document 1: spec.autoRollbackOnFailure.initMonitorTimeoutSeconds is -5; it must be >= 0 (0 or absent means 1800)
            timeout not a number   | `spec: {stage: Idle, autoRollbackOnFailure: {initMonitorTimeoutSeconds: soon}}` | document 1: spec.autoRollbackOnFailure.initMonitorTimeoutSeconds "soon" must be an integer
            pull secret as string  | `spec: {stage: Idle, seedImageRef: {pullSecretRef: my-secret}}` | document 1: spec.seedImageRef.pullSecretRef must be an object {name}
            """)
    void names_the_document_the_field_and_the_fix(String what, String body, String message) {
        assertThat(error(HEAD + body.replace("\\n", "\n") + "\n")).isEqualTo(message);
    }

    @Test
    void names_the_document_of_a_wrong_kind() {
        assertThat(error(HEAD + "spec: {stage: Idle}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"))
                .isEqualTo("document 2: kind is \"Pod\", expected ImageBasedUpgrade (apiVersion lca.openshift.io/v1)");
        assertThat(error("apiVersion: lca.openshift.io/v2\nkind: ImageBasedUpgrade\nspec: {stage: Idle}\n"))
                .isEqualTo("document 1: apiVersion is \"lca.openshift.io/v2\", expected lca.openshift.io/v1");
        assertThat(error("metadata: {name: upgrade}\nspec: {stage: Idle}\n")).isEqualTo("document 1: kind is "
                + "missing; expected ImageBasedUpgrade (apiVersion lca.openshift.io/v1) or List");
    }

    @Test
    void names_the_item_of_a_list() {
        assertThat(error("apiVersion: v1\nkind: List\nitems:\n- " + HEAD.replace("\n", "\n  ") + "spec: {stage: Idle}\n"
                + "- " + HEAD.replace("\n", "\n  ") + "spec: {stage: Upgrade, oadpContent: [{}]}\n"))
                .isEqualTo("document 1, items[1]: spec.oadpContent[0] needs both name and namespace of a ConfigMap");
        assertThat(error("apiVersion: v1\nkind: List\nitems: {}\n"))
                .isEqualTo("document 1: kind List without an items array");
    }

    @Test
    void says_where_the_syntax_breaks() {
        assertThat(error("kind: [unclosed")).startsWith("document 1: not valid YAML or JSON at line ")
                .endsWith("(fix the syntax; `oc get ibu upgrade -o yaml > ibu.yaml` gives a valid file)")
                .doesNotContain("\n");
        assertThat(IbuCodec.fromJson("{\"kind\":").getLeft().message()).startsWith("not valid JSON at line 1");
    }

    @Test
    void an_input_without_documents_says_what_was_expected() {
        assertThat(error("---\n# nothing\n")).isEqualTo("the input holds no ImageBasedUpgrade document (expected "
                + "the output of `oc get ibu upgrade -o yaml`)");
        assertThat(IbuCodec.fromJson("").getLeft().message()).isEqualTo("no JSON object: the text is empty");
    }

    /** The seed document prints pullSecretRef as a plain name; the CRD wants {name: ...}. */
    @Test
    void the_seed_documents_cr_as_printed_is_refused_with_the_fix() throws IOException {
        String printed = Files.readString(Path.of("src/test/resources/documents/seed-15.3.1-cr-as-printed.yaml"));

        assertThat(error(printed)).isEqualTo("document 1: spec.seedImageRef.pullSecretRef must be an object {name}");
    }
}
