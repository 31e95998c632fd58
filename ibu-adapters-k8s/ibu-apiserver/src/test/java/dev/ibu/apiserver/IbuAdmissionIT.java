package dev.ibu.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Bad ImageBasedUpgrade requests, each answered with the message a real API server gives for the generated CRD (the
 * schema and CEL wording of apiextensions-apiserver), through fabric8's HTTP client and through the real kubectl.
 */
class IbuAdmissionIT {
    static final String IBUS = "/apis/lca.openshift.io/v1/imagebasedupgrades";
    static final String INVALID = "ImageBasedUpgrade.lca.openshift.io \"%s\" is invalid: ";
    static final String NOT_CHECKED = "<nil>: Invalid value: \"null\": some validation rules were not checked because the "
            + "object was invalid; correct the existing errors to complete validation";
    static final String STAGES = "supported values: \"Idle\", \"Prep\", \"Rollback\", \"Upgrade\"";
    static final String TIMEOUT = "spec.autoRollbackOnFailure.initMonitorTimeoutSeconds";
    static ApiServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = Fixtures.serverWithAgentRbac();
        admin = new Http(server, server.clientAs(Identity.admin()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String ibu(String name, String spec) {
        return "{\"apiVersion\":\"lca.openshift.io/v1\",\"kind\":\"ImageBasedUpgrade\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":" + spec + "}";
    }

    /** Each bad create and the causes (field: body) the server must answer with, in order. */
    static Stream<Arguments> badCreates() {
        return Stream.of(
                Arguments.of("upgrade", "{\"stage\":\"Foo\"}", List.of("spec.stage: Unsupported value: \"Foo\": " + STAGES, NOT_CHECKED)),
                Arguments.of("upgrade", "{\"stage\":\"prep\"}", List.of("spec.stage: Unsupported value: \"prep\": " + STAGES, NOT_CHECKED)),
                Arguments.of("upgrade", "{\"stage\":\"\"}", List.of("spec.stage: Unsupported value: \"\": " + STAGES, NOT_CHECKED)),
                Arguments.of("upgrade", "{\"stage\":123}", List.of(
                        "spec.stage: Invalid value: \"integer\": spec.stage in body must be of type string: \"integer\"",
                        "spec.stage: Unsupported value: 123: " + STAGES, NOT_CHECKED)),
                Arguments.of("upgrade", "{\"stage\":true}", List.of(
                        "spec.stage: Invalid value: \"boolean\": spec.stage in body must be of type string: \"boolean\"",
                        "spec.stage: Unsupported value: true: " + STAGES, NOT_CHECKED)),
                Arguments.of("upgrade", "{\"stage\":[\"Prep\"]}", List.of(
                        "spec.stage: Invalid value: \"array\": spec.stage in body must be of type string: \"array\"",
                        "spec.stage: Unsupported value: []interface {}{\"Prep\"}: " + STAGES, NOT_CHECKED)),
                Arguments.of("upgrade", "\"Prep\"", List.of("spec: Invalid value: \"string\": spec in body must be of type object: \"string\"", NOT_CHECKED)),
                Arguments.of("upgrade", "{\"autoRollbackOnFailure\":{\"initMonitorTimeoutSeconds\":\"abc\"}}", List.of(
                        TIMEOUT + ": Invalid value: \"string\": " + TIMEOUT + " in body must be of type integer: \"string\"", NOT_CHECKED)),
                Arguments.of("upgrade", "{\"autoRollbackOnFailure\":{\"initMonitorTimeoutSeconds\":-5}}", List.of(
                        TIMEOUT + ": Invalid value: -5: " + TIMEOUT + " in body should be greater than or equal to 0")),
                Arguments.of("upgrade", "{\"autoRollbackOnFailure\":\"yes\"}", List.of(
                        "spec.autoRollbackOnFailure: Invalid value: \"string\": spec.autoRollbackOnFailure in body must be of type object: \"string\"",
                        NOT_CHECKED)),
                Arguments.of("other", "{\"stage\":\"Idle\"}", List.of("<nil>: Invalid value: \"object\": ibu is a singleton, metadata.name must be 'upgrade'")),
                Arguments.of("upgrade", "{\"seedImageRef\":{\"image\":\"\"}}", List.of(
                        "spec.seedImageRef.image: Invalid value: \"\": spec.seedImageRef.image in body should be at least 1 chars long",
                        "spec.seedImageRef.image: Invalid value: \"\": spec.seedImageRef.image in body should match '^([a-z0-9]+://)?[\\S]+$'")),
                Arguments.of("upgrade", "{\"seedImageRef\":{\"image\":\"quay.io/seed with space\"}}", List.of(
                        "spec.seedImageRef.image: Invalid value: \"quay.io/seed with space\": spec.seedImageRef.image in body should match '^([a-z0-9]+://)?[\\S]+$'")),
                Arguments.of("upgrade", "{\"seedImageRef\":{\"image\":\"quay.io/s:1\",\"pullSecretRef\":{}}}", List.of(
                        "spec.seedImageRef.pullSecretRef.name: Required value", NOT_CHECKED)),
                Arguments.of("upgrade", "{\"extraManifests\":[{\"name\":\"x\"}]}", List.of(
                        "spec.extraManifests[0].namespace: Required value", NOT_CHECKED)),
                Arguments.of("upgrade", "{\"oadpContent\":[{\"namespace\":\"openshift-adp\"}]}", List.of(
                        "spec.oadpContent[0].name: Required value", NOT_CHECKED)),
                Arguments.of("upgrade", "{\"extraManifests\":{\"name\":\"x\",\"namespace\":\"y\"}}", List.of(
                        "spec.extraManifests: Invalid value: \"object\": spec.extraManifests in body must be of type array: \"object\"", NOT_CHECKED)),
                Arguments.of("Upgrade", "{\"stage\":\"Idle\"}", List.of(
                        "metadata.name: Invalid value: \"Upgrade\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                                + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
                                + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                        "<nil>: Invalid value: \"object\": ibu is a singleton, metadata.name must be 'upgrade'")));
    }

    @ParameterizedTest
    @MethodSource("badCreates")
    void a_bad_create_is_422_with_the_api_servers_causes(String name, String spec, List<String> causes) {
        Http.Reply r = admin.post(IBUS, ibu(name, spec));

        assertThat(r.code()).isEqualTo(422);
        String aggregate = causes.size() == 1 ? causes.get(0) : "[" + String.join(", ", causes) + "]";
        assertThat(r.message()).isEqualTo(String.format(INVALID, name) + aggregate);
        assertThat(r.body().path("reason").asString()).isEqualTo("Invalid");
        assertThat(r.body().path("details").path("kind").asString()).isEqualTo("ImageBasedUpgrade");
        assertThat(r.body().path("details").path("group").asString()).isEqualTo("lca.openshift.io");
        List<String> got = r.body().path("details").path("causes").valueStream()
                .map(c -> c.path("field").asString() + ": " + c.path("message").asString()).toList();
        assertThat(got).containsExactlyElementsOf(causes);
        assertThat(admin.get(IBUS + "/" + name).code()).isEqualTo(404);
    }

    /** kubectl asks for strict field validation: the fields pruned from a list given as an object are refused first. */
    static Stream<Arguments> badCreatesKubectl() {
        return badCreates().filter(a -> !String.valueOf(a.get()[1]).contains("\"extraManifests\":{"));
    }

    @Test
    void kubectl_refuses_unknown_fields_strictly(@TempDir Path dir) {
        Kubectl.Result r = new Kubectl(server, Identity.admin(), dir).runWithInput(
                ibu("upgrade", "{\"extraManifests\":{\"name\":\"x\",\"namespace\":\"y\"}}"), "create", "-f", "-");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Error from server (BadRequest): error when creating \"STDIN\": ImageBasedUpgrade in version \"v1\" "
                + "cannot be handled as a ImageBasedUpgrade: strict decoding error: unknown field \"spec.extraManifests.name\", "
                + "unknown field \"spec.extraManifests.namespace\"");
    }

    @ParameterizedTest
    @MethodSource("badCreatesKubectl")
    void kubectl_prints_the_same_causes(String name, String spec, List<String> causes, @TempDir Path dir) {
        Kubectl.Result r = new Kubectl(server, Identity.admin(), dir).runWithInput(ibu(name, spec), "create", "-f", "-");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("The ImageBasedUpgrade \"" + name + "\" is invalid:");
        causes.forEach(c -> assertThat(r.err()).contains(c));
    }

    @Test
    void transition_rules_run_on_update_with_the_old_object() {
        assertThat(admin.post(IBUS, ibu("upgrade", "{\"stage\":\"Idle\",\"seedImageRef\":{\"image\":\"quay.io/seed:1\",\"version\":\"4.15.2\"}}")).code())
                .isEqualTo(201);
        try {
            assertThat(admin.patch(IBUS + "/upgrade", "application/merge-patch+json", "{\"spec\":{\"stage\":\"Prep\"}}").code())
                    .as("no status yet: every transition rule allows it").isEqualTo(200);
            JsonNode current = admin.get(IBUS + "/upgrade").body();
            String status = "{\"apiVersion\":\"lca.openshift.io/v1\",\"kind\":\"ImageBasedUpgrade\",\"metadata\":{\"name\":\"upgrade\","
                    + "\"resourceVersion\":\"" + current.path("metadata").path("resourceVersion").asString() + "\"},\"status\":{"
                    + "\"conditions\":[{\"type\":\"Idle\",\"status\":\"False\",\"reason\":\"InProgress\",\"message\":\"Prep\","
                    + "\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}],\"validNextStages\":[\"Idle\"]}}";
            assertThat(admin.put(IBUS + "/upgrade/status", status).code()).isEqualTo(200);
            assertThat(admin.put(IBUS + "/upgrade/status", status).code()).as("stale resourceVersion on PUT /status").isEqualTo(409);

            Http.Reply image = admin.patch(IBUS + "/upgrade", "application/merge-patch+json",
                    "{\"spec\":{\"seedImageRef\":{\"image\":\"quay.io/seed:2\"}}}");
            assertThat(image.code()).isEqualTo(422);
            assertThat(image.message()).isEqualTo(String.format(INVALID, "upgrade")
                    + "<nil>: Invalid value: \"object\": can not change spec.seedImageRef while ibu is in progress");

            Http.Reply stage = admin.patch(IBUS + "/upgrade", "application/merge-patch+json", "{\"spec\":{\"stage\":\"Upgrade\"}}");
            assertThat(stage.code()).isEqualTo(422);
            assertThat(stage.message()).isEqualTo(String.format(INVALID, "upgrade") + "<nil>: Invalid value: \"object\": the stage "
                    + "transition is not permitted. Please refer to status.validNextStages for valid transitions. If "
                    + "status.validNextStages is not present, it indicates that no transitions are currently allowed");

            assertThat(admin.patch(IBUS + "/upgrade", "application/merge-patch+json", "{\"spec\":{\"stage\":\"Idle\"}}").code())
                    .as("Idle is in validNextStages").isEqualTo(200);
        } finally {
            admin.delete(IBUS + "/upgrade");
        }
    }

    @Test
    void status_writes_are_validated_against_the_schema() {
        assertThat(admin.post(IBUS, ibu("upgrade", "{\"stage\":\"Idle\"}")).code()).isEqualTo(201);
        try {
            Http.Reply r = admin.patch(IBUS + "/upgrade/status", "application/merge-patch+json",
                    "{\"status\":{\"conditions\":[{\"type\":\"Idle\",\"status\":\"Maybe\"}]}}");
            assertThat(r.code()).isEqualTo(422);
            assertThat(r.message()).isEqualTo(String.format(INVALID, "upgrade") + "[status.conditions[0].lastTransitionTime: Required value, "
                    + "status.conditions[0].message: Required value, status.conditions[0].reason: Required value, "
                    + "status.conditions[0].status: Unsupported value: \"Maybe\": supported values: \"False\", \"True\", \"Unknown\", " + NOT_CHECKED + "]");
        } finally {
            admin.delete(IBUS + "/upgrade");
        }
    }

    @Test
    void update_without_resource_version_duplicate_create_and_strict_unknown_fields() {
        assertThat(admin.post(IBUS, ibu("upgrade", "{\"stage\":\"Idle\"}")).code()).isEqualTo(201);
        try {
            Http.Reply put = admin.put(IBUS + "/upgrade", ibu("upgrade", "{\"stage\":\"Prep\"}"));
            assertThat(put.code()).isEqualTo(422);
            assertThat(put.message()).isEqualTo(String.format(INVALID, "upgrade")
                    + "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");

            Http.Reply again = admin.post(IBUS, ibu("upgrade", "{\"stage\":\"Idle\"}"));
            assertThat(again.code()).isEqualTo(409);
            assertThat(again.message()).isEqualTo("imagebasedupgrades.lca.openshift.io \"upgrade\" already exists");
            assertThat(again.body().path("reason").asString()).isEqualTo("AlreadyExists");
            // kube-apiserver decodes (400) and validates (422) a create before its storage finds the name taken
            Http.Reply invalidAgain = admin.post(IBUS, ibu("upgrade", "{\"stage\":\"Foo\"}"));
            assertThat(invalidAgain.code()).isEqualTo(422);
            assertThat(invalidAgain.message()).startsWith(String.format(INVALID, "upgrade")).contains("spec.stage: Unsupported value: \"Foo\"");
            Http.Reply unknownAgain = admin.post(IBUS + "?fieldValidation=Strict", ibu("upgrade", "{\"stag\":\"Idle\"}"));
            assertThat(unknownAgain.code()).isEqualTo(400);
            assertThat(unknownAgain.message()).endsWith("strict decoding error: unknown field \"spec.stag\"");

            Http.Reply strict = admin.patch(IBUS + "/upgrade?fieldValidation=Strict", "application/merge-patch+json",
                    "{\"spec\":{\"stag\":\"Prep\"}}");
            assertThat(strict.code()).isEqualTo(400);
            assertThat(strict.message()).isEqualTo("ImageBasedUpgrade in version \"v1\" cannot be handled as a ImageBasedUpgrade: "
                    + "strict decoding error: unknown field \"spec.stag\"");

            Http.Reply pruned = admin.patch(IBUS + "/upgrade", "application/merge-patch+json", "{\"spec\":{\"stag\":\"Prep\"}}");
            assertThat(pruned.code()).isEqualTo(200);
            assertThat(pruned.body().path("spec").has("stag")).as("unknown fields are pruned, not kept").isFalse();
        } finally {
            admin.delete(IBUS + "/upgrade");
        }
    }
}
