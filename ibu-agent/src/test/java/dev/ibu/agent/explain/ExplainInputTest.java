package dev.ibu.agent.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.agent.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bad input gets one clear line naming the document and the field, and exit code 2; good input every document. */
class ExplainInputTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String content, String... extra) throws Exception {
        Path f = dir.resolve("in.yaml");
        Files.writeString(f, content);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[3 + extra.length];
        args[0] = "explain";
        args[1] = "--file";
        args[2] = f.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void rejects_text_that_is_not_yaml() throws Exception {
        Run r = run("kind: [unclosed");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: document 1: not valid YAML or JSON");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void rejects_a_wrong_kind_naming_the_document() throws Exception {
        Run r = run(ExplainTransitionTableTest.yaml("Idle", "") + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: x}\n");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("document 2: kind is \"Pod\", expected ImageBasedUpgrade");
    }

    @Test
    void rejects_an_unknown_stage_naming_the_field_and_the_values() throws Exception {
        Run r = run(ExplainTransitionTableTest.yaml("prep", ""));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("document 1: spec.stage \"prep\" is not a stage; use one of Idle, Prep, "
                + "Upgrade, Rollback");
    }

    @Test
    void rejects_a_condition_with_a_bad_status() throws Exception {
        Run r = run(ExplainTransitionTableTest.yaml("Idle", "Idle|Yes|Idle|Idle"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("status.conditions[0].status is \"Yes\"");
    }

    @Test
    void rejects_a_missing_file_naming_the_flag() throws Exception {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"explain", "--file", dir.resolve("nope.yaml").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--file").contains("no such file");
    }

    @Test
    void explains_every_document_and_every_item_of_a_list() throws Exception {
        String list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: lca.openshift.io/v1\n  kind: ImageBasedUpgrade\n"
                + "  metadata: {name: upgrade}\n  spec: {stage: Idle}\n";
        Run r = run(ExplainTransitionTableTest.yaml("Prep", "Idle|True|Idle|Idle") + "---\n" + list, "-o", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(2);
    }

    @Test
    void reads_json_as_oc_get_prints_it() throws Exception {
        String json = "{\"apiVersion\":\"lca.openshift.io/v1\",\"kind\":\"ImageBasedUpgrade\","
                + "\"metadata\":{\"name\":\"upgrade\",\"generation\":2},\"spec\":{\"stage\":\"Prep\"},"
                + "\"status\":{\"conditions\":[{\"type\":\"Idle\",\"status\":\"True\",\"reason\":\"Idle\","
                + "\"message\":\"Idle\",\"lastTransitionTime\":\"2024-01-01T09:00:00Z\"}]}}";
        Run r = run(json);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("transition allowed:       yes").contains("handler to run:           Prep");
    }

    @Test
    void the_shipped_example_explains() throws Exception {
        Path example = Path.of("src/main/resources/examples/prep-completed.yaml");
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"explain", "-f", example.toString(), "-o", "json"},
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString().strip().lines()).hasSize(3);
    }
}
