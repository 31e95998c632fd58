package dev.ibu.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Storage and REST semantics as a real API server has them, through fabric8 and raw requests. */
class RestSemanticsIT {
    static final String IBU = "/apis/lca.openshift.io/v1/imagebasedupgrades/upgrade";
    static ApiServer server;
    static KubernetesClient client;
    static Http http;

    @BeforeAll
    static void start() {
        server = Fixtures.serverWithAgentRbac();
        client = server.clientAs(Identity.admin());
        http = new Http(server, client);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static ConfigMap cm(String ns, String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns).addToLabels("app", name).endMetadata()
                .addToData("k", "v").build();
    }

    static String rv(JsonNode o) {
        return o.path("metadata").path("resourceVersion").asString();
    }

    @Test
    void a_namespaced_create_in_a_missing_namespace_is_not_found() {
        assertThatThrownBy(() -> client.configMaps().inNamespace("nope").resource(cm("nope", "x")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"nope\" not found");
                });
    }

    @Test
    void a_stale_update_is_409_and_a_no_op_update_keeps_the_resource_version() {
        ConfigMap created = client.configMaps().inNamespace("default").resource(cm("default", "stale")).create();
        ConfigMap unchanged = client.configMaps().inNamespace("default").resource(created).update();
        assertThat(unchanged.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
        created.getData().put("k", "w");
        client.configMaps().inNamespace("default").resource(created).update();
        created.getData().put("k", "x");
        assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(created).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps \"stale\": the object "
                            + "has been modified; please apply your changes to the latest version and try again");
                });
    }

    @Test
    void resource_versions_come_from_one_global_counter() {
        long before = server.resourceVersion();
        ConfigMap a = client.configMaps().inNamespace("default").resource(cm("default", "rv-a")).create();
        ConfigMap b = client.configMaps().inNamespace("kube-system").resource(cm("kube-system", "rv-b")).create();
        assertThat(Long.parseLong(a.getMetadata().getResourceVersion())).isGreaterThan(before);
        assertThat(Long.parseLong(b.getMetadata().getResourceVersion())).isEqualTo(Long.parseLong(a.getMetadata().getResourceVersion()) + 1);
        assertThat(a.getMetadata().getUid()).isNotBlank();
        assertThat(a.getMetadata().getCreationTimestamp()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void status_subresource_generation_merge_patch_arrays_and_stale_patch() {
        http.post("/apis/lca.openshift.io/v1/imagebasedupgrades", "{\"apiVersion\":\"lca.openshift.io/v1\",\"kind\":\"ImageBasedUpgrade\","
                + "\"metadata\":{\"name\":\"upgrade\"},\"spec\":{\"stage\":\"Idle\",\"extraManifests\":[{\"name\":\"a\",\"namespace\":\"n\"},"
                + "{\"name\":\"b\",\"namespace\":\"n\"}]},\"status\":{\"validNextStages\":[\"Prep\"]}}");
        try {
            JsonNode created = http.get(IBU).body();
            assertThat(created.has("status")).as("status is dropped on create").isFalse();
            assertThat(created.path("metadata").path("generation").asLong()).isEqualTo(1);

            JsonNode patched = http.patch(IBU, "application/merge-patch+json",
                    "{\"spec\":{\"extraManifests\":[{\"name\":\"c\",\"namespace\":\"n\"}]},\"status\":{\"validNextStages\":[\"Prep\"]}}").body();
            assertThat(patched.path("spec").path("extraManifests").size()).as("RFC 7386 replaces arrays").isEqualTo(1);
            assertThat(patched.has("status")).as("a main-resource write ignores status").isFalse();
            assertThat(patched.path("metadata").path("generation").asLong()).isEqualTo(2);

            JsonNode status = http.patch(IBU + "/status", "application/merge-patch+json",
                    "{\"spec\":{\"stage\":\"Prep\"},\"status\":{\"validNextStages\":[\"Prep\"]}}").body();
            assertThat(status.path("status").path("validNextStages").get(0).asString()).isEqualTo("Prep");
            assertThat(status.path("spec").path("stage").asString()).as("a status write ignores spec").isEqualTo("Idle");
            assertThat(status.path("metadata").path("generation").asLong()).as("no bump for status").isEqualTo(2);

            Http.Reply stale = http.patch(IBU, "application/merge-patch+json",
                    "{\"metadata\":{\"resourceVersion\":\"" + rv(created) + "\"},\"spec\":{\"stage\":\"Prep\"}}");
            assertThat(stale.code()).isEqualTo(409);
            Http.Reply json = http.patch(IBU, "application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/spec/stage\",\"value\":\"Prep\"}]");
            assertThat(json.body().path("spec").path("stage").asString()).isEqualTo("Prep");
            Http.Reply strategic = http.patch(IBU, "application/strategic-merge-patch+json", "{\"spec\":{}}");
            assertThat(strategic.code()).as("custom resources take no strategic merge patch").isEqualTo(415);
        } finally {
            http.delete(IBU);
        }
    }

    @Test
    void dry_run_is_admitted_but_never_persisted() {
        long before = server.resourceVersion();
        Http.Reply create = http.post("/api/v1/namespaces/default/configmaps?dryRun=All",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"dry\"},\"data\":{\"a\":\"b\"}}");
        assertThat(create.code()).isEqualTo(201);
        assertThat(http.get("/api/v1/namespaces/default/configmaps/dry").code()).isEqualTo(404);
        Http.Reply invalid = http.post("/apis/lca.openshift.io/v1/imagebasedupgrades?dryRun=All",
                "{\"apiVersion\":\"lca.openshift.io/v1\",\"kind\":\"ImageBasedUpgrade\",\"metadata\":{\"name\":\"upgrade\"},\"spec\":{\"stage\":\"Foo\"}}");
        assertThat(invalid.code()).as("dry run is still validated").isEqualTo(422);
        client.configMaps().inNamespace("default").resource(cm("default", "kept")).create();
        long after = server.resourceVersion();
        http.patch("/api/v1/namespaces/default/configmaps/kept?dryRun=All", "application/merge-patch+json", "{\"data\":{\"k\":\"changed\"}}");
        http.delete("/api/v1/namespaces/default/configmaps/kept?dryRun=All");
        assertThat(client.configMaps().inNamespace("default").withName("kept").get().getData()).containsEntry("k", "v");
        assertThat(server.resourceVersion()).isEqualTo(after).isEqualTo(before + 1);
    }

    @Test
    void finalizers_hold_a_deleted_object_until_the_last_one_goes() {
        ConfigMap c = cm("default", "held");
        c.getMetadata().getFinalizers().add("example.com/hold");
        client.configMaps().inNamespace("default").resource(c).create();
        Http.Reply delete = http.delete("/api/v1/namespaces/default/configmaps/held");
        assertThat(delete.code()).isEqualTo(202);
        ConfigMap held = client.configMaps().inNamespace("default").withName("held").get();
        assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
        Http.Reply add = http.patch("/api/v1/namespaces/default/configmaps/held", "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":[\"example.com/hold\",\"example.com/more\"]}}");
        assertThat(add.code()).isEqualTo(422);
        assertThat(add.message()).isEqualTo("ConfigMap \"held\" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added "
                + "if the object is being deleted, found new finalizers []string{\"example.com/more\"}");
        http.patch("/api/v1/namespaces/default/configmaps/held", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
        assertThat(client.configMaps().inNamespace("default").withName("held").get()).isNull();
    }

    @Test
    void label_and_field_selectors_and_paging() {
        client.configMaps().inNamespace("kube-public").resource(cm("kube-public", "sel-a")).create();
        client.configMaps().inNamespace("kube-public").resource(cm("kube-public", "sel-b")).create();
        assertThat(client.configMaps().inNamespace("kube-public").withLabel("app", "sel-a").list().getItems()).hasSize(1);
        assertThat(client.configMaps().inNamespace("kube-public").withLabelIn("app", "sel-a", "sel-b").list().getItems()).hasSize(2);
        assertThat(client.configMaps().inAnyNamespace().withField("metadata.name", "sel-b").list().getItems()).hasSize(1);
        JsonNode page = http.get("/api/v1/namespaces/kube-public/configmaps?limit=1").body();
        assertThat(page.path("items").size()).isEqualTo(1);
        String next = page.path("metadata").path("continue").asString();
        JsonNode rest = http.get("/api/v1/namespaces/kube-public/configmaps?limit=1&continue=" + next).body();
        assertThat(rest.path("items").get(0).path("metadata").path("name").asString()).isEqualTo("sel-b");
        assertThat(http.get("/api/v1/configmaps?fieldSelector=data.k%3Dv").message()).isEqualTo("field label not supported: data.k");
    }

    @Test
    void secrets_take_string_data_and_refuse_bad_base64() {
        Http.Reply ok = http.post("/api/v1/namespaces/default/secrets",
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},\"stringData\":{\"p\":\"x\"}}");
        assertThat(ok.body().path("data").path("p").asString()).isEqualTo("eA==");
        assertThat(ok.body().path("type").asString()).isEqualTo("Opaque");
        Http.Reply bad = http.post("/api/v1/namespaces/default/secrets",
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"t\"},\"data\":{\"p\":\"not base64!\"}}");
        assertThat(bad.code()).isEqualTo(400);
        assertThat(bad.message()).startsWith("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte");
        Http.Reply protobuf = http.send("POST", "/api/v1/namespaces/default/configmaps", "application/vnd.kubernetes.protobuf", "x");
        assertThat(protobuf.code()).isEqualTo(415);
    }

    @Test
    void deleting_a_namespace_takes_its_contents() {
        http.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"gone\"}}");
        client.configMaps().inNamespace("gone").resource(cm("gone", "inside")).create();
        http.delete("/api/v1/namespaces/gone");
        assertThat(http.get("/api/v1/namespaces/gone/configmaps/inside").code()).isEqualTo(404);
        assertThat(http.get("/api/v1/namespaces/gone").message()).isEqualTo("namespaces \"gone\" not found");
    }
}
