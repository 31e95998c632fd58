package dev.ibu.agent.e2e;

import static dev.ibu.agent.e2e.KubectlRuns.kubectl;
import static dev.ibu.agent.e2e.KubectlRuns.run;
import static dev.ibu.agent.e2e.KubectlRuns.waitFor;

import dev.ibu.agent.e2e.KubectlRuns.Result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * What a person gets wrong, typed into the real {@code kubectl} against {@code local --serve}: each bad request is
 * refused by the API server with the message a cluster gives for the generated CRD (schema, CEL, singleton and
 * transition rules, strict decoding, NotFound, AlreadyExists), nothing of it reaches the agent (the IBU's generation
 * and status are as before), and the document's next step still works. kubectl is on every machine of this project; a
 * missing one fails the test rather than skipping it.
 */
class BadRequestsKubectlIT {
    static final String STAGES = "supported values: \"Idle\", \"Prep\", \"Rollback\", \"Upgrade\"";
    static final String TIMEOUT = "spec.autoRollbackOnFailure.initMonitorTimeoutSeconds";
    static final String INVALID = "The ImageBasedUpgrade \"upgrade\" is invalid: ";
    static final String TRANSITION = "Invalid value: \"object\": the stage transition is not permitted. Please refer to "
            + "status.validNextStages for valid transitions";
    static final String IMAGE_PATTERN = "spec.seedImageRef.image in body should match '^([a-z0-9]+://)?[\\S]+$'";

    /** A merge patch of spec and the cause the server must name. */
    record BadPatch(String spec, String cause) {
    }

    static final List<BadPatch> BAD_PATCHES = List.of(
            new BadPatch("{\"stage\":\"Foo\"}", "spec.stage: Unsupported value: \"Foo\": " + STAGES),
            new BadPatch("{\"stage\":\"prep\"}", "spec.stage: Unsupported value: \"prep\": " + STAGES),
            new BadPatch("{\"stage\":\"\"}", "spec.stage: Unsupported value: \"\": " + STAGES),
            new BadPatch("{\"stage\":123}",
                    "spec.stage: Invalid value: \"integer\": spec.stage in body must be of type string: \"integer\""),
            new BadPatch("{\"stage\":true}",
                    "spec.stage: Invalid value: \"boolean\": spec.stage in body must be of type string: \"boolean\""),
            new BadPatch("{\"stage\":[\"Prep\"]}",
                    "spec.stage: Invalid value: \"array\": spec.stage in body must be of type string: \"array\""),
            new BadPatch("\"Prep\"", "spec: Invalid value: \"string\": spec in body must be of type object: \"string\""),
            new BadPatch("{\"autoRollbackOnFailure\":{\"initMonitorTimeoutSeconds\":\"abc\"}}",
                    TIMEOUT + ": Invalid value: \"string\": " + TIMEOUT + " in body must be of type integer: \"string\""),
            new BadPatch("{\"autoRollbackOnFailure\":{\"initMonitorTimeoutSeconds\":-5}}",
                    TIMEOUT + ": Invalid value: -5: " + TIMEOUT + " in body should be greater than or equal to 0"),
            new BadPatch("{\"autoRollbackOnFailure\":\"yes\"}", "spec.autoRollbackOnFailure: Invalid value: \"string\": "
                    + "spec.autoRollbackOnFailure in body must be of type object: \"string\""),
            new BadPatch("{\"seedImageRef\":{\"image\":\"\"}}", "spec.seedImageRef.image: Invalid value: \"\": "
                    + "spec.seedImageRef.image in body should be at least 1 chars long"),
            new BadPatch("{\"seedImageRef\":{\"image\":\"quay.io/seed with space\"}}",
                    "spec.seedImageRef.image: Invalid value: \"quay.io/seed with space\": " + IMAGE_PATTERN),
            new BadPatch("{\"seedImageRef\":{\"pullSecretRef\":{\"name\":null}}}",
                    "spec.seedImageRef.pullSecretRef.name: Required value"),
            new BadPatch("{\"extraManifests\":[{\"name\":\"x\"}]}", "spec.extraManifests[0].namespace: Required value"),
            new BadPatch("{\"oadpContent\":[{\"namespace\":\"openshift-adp\"}]}", "spec.oadpContent[0].name: Required value"),
            new BadPatch("{\"stage\":\"Upgrade\"}", TRANSITION),
            new BadPatch("{\"stage\":\"Rollback\"}", TRANSITION));

    @TempDir
    Path dir;

    @Test
    void bad_requests_get_a_clusters_answers_and_leave_the_agent_alone() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        KubectlRuns.serve(kubeconfig, 180);
        waitFor("the agent's first status", () -> run(kubeconfig, null, "get", "ibu", "upgrade", "-o",
                "jsonpath={.status.validNextStages}").out().contains("Prep"));
        String before = state(kubeconfig);
        int refused = 0;

        for (BadPatch p : BAD_PATCHES) {
            Result r = run(kubeconfig, null, "patch", "ibu", "upgrade", "--type=merge", "-p={\"spec\":" + p.spec() + "}");
            assertThat(r.exit()).as(p.spec()).isEqualTo(1);
            assertThat(r.out()).as(p.spec()).contains(INVALID).contains(p.cause());
            refused++;
        }
        String other = ibu("other", "{\"stage\":\"Idle\"}");
        expect(run(kubeconfig, other, "create", "-f", "-"), "The ImageBasedUpgrade \"other\" is invalid: <nil>: Invalid "
                + "value: \"object\": ibu is a singleton, metadata.name must be 'upgrade'");
        refused++;
        expect(run(kubeconfig, ibu("Upgrade", "{\"stage\":\"Idle\"}"), "create", "-f", "-"),
                "metadata.name: Invalid value: \"Upgrade\": a lowercase RFC 1123 subdomain must consist of lower case");
        refused++;
        expect(run(kubeconfig, ibu("upgrade", "{\"stage\":\"Idle\"}"), "create", "-f", "-"),
                "Error from server (AlreadyExists): error when creating \"STDIN\": imagebasedupgrades.lca.openshift.io "
                        + "\"upgrade\" already exists");
        refused++;
        expect(run(kubeconfig, ibu("upgrade", "{\"extraManifests\":{\"name\":\"x\",\"namespace\":\"y\"}}"), "create",
                "-f", "-"), "ImageBasedUpgrade in version \"v1\" cannot be handled as a ImageBasedUpgrade: strict "
                + "decoding error: unknown field \"spec.extraManifests.name\"");
        refused++;
        expect(run(kubeconfig, null, "get", "ibu", "nope"),
                "Error from server (NotFound): imagebasedupgrades.lca.openshift.io \"nope\" not found");
        refused++;
        expect(run(kubeconfig, null, "delete", "ibu", "nope"),
                "Error from server (NotFound): imagebasedupgrades.lca.openshift.io \"nope\" not found");
        refused++;
        expect(run(kubeconfig, null, "get", "configmap", "nope", "-n", "openshift-lifecycle-agent"),
                "Error from server (NotFound): configmaps \"nope\" not found");
        refused++;
        expect(run(kubeconfig, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\","
                + "\"namespace\":\"no-such-namespace\"}}", "create", "-f", "-"),
                "Error from server (NotFound): error when creating \"STDIN\": namespaces \"no-such-namespace\" not found");
        refused++;
        // a dry run on the server is admitted and never stored: the agent never sees Prep
        Result dry = run(kubeconfig, null, "patch", "ibu", "upgrade", "--type=merge", "--dry-run=server",
                "-p={\"spec\":{\"stage\":\"Prep\"}}");
        assertThat(dry.exit()).as(dry.out()).isZero();

        assertThat(refused).as("bad requests refused").isGreaterThanOrEqualTo(20);
        assertThat(state(kubeconfig)).as("generation, spec and status after the bad requests").isEqualTo(before);

        // the document's next step, as if nothing had happened (15.3.1 step 2)
        Result prep = run(kubeconfig, null, "patch", "imagebasedupgrades.lca.openshift.io", "upgrade",
                "-p={\"spec\": {\"stage\": \"Prep\"}}", "--type=merge", "-n", "openshift-lifecycle-agent");
        assertThat(prep.exit()).as(prep.out()).isZero();
        waitFor("Prep completed", () -> run(kubeconfig, null, "get", "ibu", "-o", "yaml").out()
                .contains("message: Prep stage completed successfully"));
    }

    private static String state(Path kubeconfig) {
        return run(kubeconfig, null, "get", "ibu", "upgrade", "-o",
                "jsonpath={.metadata.generation} {.spec} {.status.conditions} {.status.validNextStages}").out();
    }

    private static void expect(Result r, String message) {
        assertThat(r.exit()).as(r.out()).isNotZero();
        assertThat(r.out()).contains(message);
    }

    static String ibu(String name, String spec) {
        return "{\"apiVersion\":\"lca.openshift.io/v1\",\"kind\":\"ImageBasedUpgrade\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":" + spec + "}";
    }
}
