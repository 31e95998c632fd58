package dev.ibu.adapters.k8s.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.k8s.AgentApi;
import dev.ibu.apiserver.AuditEvent;
import dev.ibu.apiserver.Fault;
import dev.ibu.codec.IbuCodec;
import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.Samples;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The adapter as the agent's ServiceAccount; an administrator looks at what it stored. */
class IbuResourceAdapterIT {
    private static final String STATUS_PATH = "/apis/lca.openshift.io/v1/imagebasedupgrades/upgrade/status";
    private static final Instant T0 = Instant.parse("2024-01-01T09:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    AgentApi api;
    KubernetesClient client;
    IbuResourceAdapter adapter;

    @BeforeEach
    void setUp() {
        api = AgentApi.start(getClass());
        client = api.admin();
        adapter = new IbuResourceAdapter(api.agent());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void read_gives_none_when_the_resource_is_missing() {
        assertThat(adapter.read().get()).isEqualTo(Option.none());
    }

    @Test
    void creates_the_fresh_idle_resource_with_only_spec_stage() {
        ImageBasedUpgrade created = adapter.create(ImageBasedUpgrade.fresh()).get();

        assertThat(created.spec().stage()).isEqualTo(Stage.IDLE);
        assertThat(created.metadata().resourceVersion()).isNotEmpty();
        var raw = client.genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade")
                .withName("upgrade").get();
        assertThat(raw.getAdditionalProperties().get("spec")).isEqualTo(java.util.Map.of("stage", "Idle"));
    }

    /** ibu.json is {@code IbuCodec.toJson}: the object on the server must hold exactly the same spec and status. */
    @Test
    void the_stored_object_carries_the_codec_json_that_the_state_store_saves() {
        ImageBasedUpgrade ibu = Samples.upgradingIbu();

        adapter.create(ibu).get();

        JsonNode codec = JSON.readTree(IbuCodec.toJson(ibu));
        JsonNode stored = JSON.readTree(io.fabric8.kubernetes.client.utils.Serialization.asJson(
                client.genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade").withName("upgrade")
                        .get()));
        for (String field : List.of("apiVersion", "kind", "spec", "status")) {
            assertThat(stored.get(field)).as(field).isEqualTo(codec.get(field));
        }
        assertThat(stored.at("/metadata/annotations")).isEqualTo(codec.at("/metadata/annotations"));
    }

    @Test
    void second_create_is_a_conflict() {
        adapter.create(ImageBasedUpgrade.fresh()).get();
        assertThat(adapter.create(ImageBasedUpgrade.fresh()).getLeft()).isInstanceOf(PortFailure.Conflict.class);
    }

    @Test
    void status_round_trips_with_rfc3339_times_and_condition_order() {
        ImageBasedUpgrade created = adapter.create(ImageBasedUpgrade.fresh()).get();
        Conditions conditions = Conditions.EMPTY
                .set("Idle", ConditionStatus.FALSE, "InProgress", "In progress", 1, T0)
                .set("PrepInProgress", ConditionStatus.TRUE, "InProgress", "In progress", 1, T0.plusSeconds(5));
        ImageBasedUpgrade toWrite = created.withStatus(created.status().withConditions(conditions)
                .withValidNextStages(List.of(Stage.IDLE)).withObservedGeneration(1));

        ImageBasedUpgrade written = adapter.writeStatus(toWrite).get();
        ImageBasedUpgrade read = adapter.read().get().get();

        assertThat(read.status()).isEqualTo(toWrite.status());
        assertThat(written.metadata().resourceVersion()).isNotEqualTo(created.metadata().resourceVersion());
        var raw = client.genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade")
                .withName("upgrade").get();
        assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(raw))
                .contains("\"lastTransitionTime\":\"2024-01-01T09:00:05Z\"");
    }

    /** The PUT's body, as the API server's audit saw it. */
    @Test
    void status_write_carries_the_resource_version_that_was_read() {
        ImageBasedUpgrade created = adapter.create(ImageBasedUpgrade.fresh()).get();
        java.util.concurrent.atomic.AtomicReference<String> sent = new java.util.concurrent.atomic.AtomicReference<>();
        api.server().addAuditListener((AuditEvent e) -> {
            if (e.is("PUT", STATUS_PATH)) {
                sent.set(e.bodyText());
            }
        });

        adapter.writeStatus(created.withStatus(created.status().withObservedGeneration(1))).get();

        assertThat(sent.get()).contains("\"resourceVersion\":\"" + created.metadata().resourceVersion() + "\"")
                .contains("\"observedGeneration\":1");
    }

    /** Someone else (here the user, annotating) wrote after the agent's read: the API server answers 409. */
    @Test
    void a_409_on_status_write_is_a_conflict_and_nothing_is_overwritten() {
        ImageBasedUpgrade created = adapter.create(ImageBasedUpgrade.fresh()).get();
        client.genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade").withName("upgrade").edit(r -> {
            r.getMetadata().setAnnotations(java.util.Map.of("user", "was-here"));
            return r;
        });

        var result = adapter.writeStatus(created.withStatus(created.status().withObservedGeneration(7)));

        assertThat(result.getLeft()).isInstanceOf(PortFailure.Conflict.class);
        assertThat(result.getLeft().message()).contains("ImageBasedUpgrade upgrade").contains("read it again");
        assertThat(adapter.read().get().get().status().observedGeneration()).isZero();
        // re-read and redecide: the next write with the fresh version goes through
        ImageBasedUpgrade fresh = adapter.read().get().get();
        assertThat(adapter.writeStatus(fresh.withStatus(fresh.status().withObservedGeneration(7))).isRight()).isTrue();
    }

    @Test
    void annotations_are_set_and_removed_by_merge_patch() {
        adapter.create(ImageBasedUpgrade.fresh()).get();

        adapter.setAnnotation(Annotations.VALIDATION_WARNING, Option.some("Foo[bar] - CRD not deployed on cluster"))
                .get();
        adapter.setAnnotation(Annotations.MANUAL_CLEANUP_DONE, Option.some("")).get();
        assertThat(adapter.read().get().get().metadata().annotations().toJavaMap()).containsEntry(
                Annotations.VALIDATION_WARNING, "Foo[bar] - CRD not deployed on cluster")
                .containsEntry(Annotations.MANUAL_CLEANUP_DONE, "");

        ImageBasedUpgrade after = adapter.setAnnotation(Annotations.MANUAL_CLEANUP_DONE, Option.none()).get();
        assertThat(after.metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE)).isFalse();
        assertThat(after.metadata().hasAnnotation(Annotations.VALIDATION_WARNING)).isTrue();
    }

    @Test
    void create_restores_a_saved_resource_with_its_status() {
        ImageBasedUpgrade saved = ImageBasedUpgrade.fresh().withStatus(ImageBasedUpgrade.fresh().status()
                .withObservedGeneration(3).withConditions(Conditions.EMPTY.set("Idle", ConditionStatus.TRUE,
                        "Idle", "Idle", 3, T0)));

        ImageBasedUpgrade restored = adapter.create(saved).get();

        assertThat(restored.status()).isEqualTo(saved.status());
        assertThat(adapter.read().get().get().status()).isEqualTo(saved.status());
    }

    @Test
    void delete_removes_it_and_is_idempotent() {
        adapter.create(ImageBasedUpgrade.fresh()).get();
        assertThat(adapter.delete().isRight()).isTrue();
        assertThat(adapter.read().get()).isEqualTo(Option.none());
        assertThat(adapter.delete().isRight()).isTrue();
    }

    @Test
    void server_errors_are_transient_and_name_the_object() {
        api.server().inject(Fault.when(r -> r.is("GET", "/apis/lca.openshift.io/v1/imagebasedupgrades/upgrade"))
                .status(500, "InternalError", "etcdserver: request timed out").once());
        // the strict server's clients do not retry 5xx (fabric8 does by default), so the failure reaches the port
        PortFailure failure = adapter.read().getLeft();

        assertThat(failure).isInstanceOf(PortFailure.Transient.class);
        assertThat(failure.message()).contains("ImageBasedUpgrade upgrade").contains("etcdserver: request timed out");
    }

    @Test
    void an_oversized_annotation_value_is_cut_and_says_so() {
        adapter.create(ImageBasedUpgrade.fresh()).get();
        String warnings = "Widget[w] - CRD not deployed on cluster; ".repeat(5000);

        String stored = adapter.setAnnotation(Annotations.VALIDATION_WARNING, Option.some(warnings)).get()
                .metadata().annotations().get(Annotations.VALIDATION_WARNING).get();

        assertThat(stored).startsWith("Widget[w] - CRD not deployed on cluster; ")
                .endsWith("... (truncated: " + (warnings.length() - 65536) + " more characters)");
        assertThat(stored.length()).isLessThan(70_000);
    }

    /** The CRD's enum keeps such values out of a cluster (the server rejects them); a foreign answer must still not crash the agent. */
    @Test
    void an_unreadable_resource_is_a_failure_naming_it() {
        var bogus = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion("lca.openshift.io/v1").withKind("ImageBasedUpgrade").withNewMetadata()
                .withName("upgrade").endMetadata().build();
        bogus.setAdditionalProperty("spec", java.util.Map.of("stage", "Finish"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.genericKubernetesResources("lca.openshift.io/v1",
                "ImageBasedUpgrade").resource(bogus).create()).hasMessageContaining("Unsupported value: \"Finish\"");
        api.server().inject(Fault.when(r -> r.is("GET", "/apis/lca.openshift.io/v1/imagebasedupgrades/upgrade"))
                .body(200, io.fabric8.kubernetes.client.utils.Serialization.asJson(bogus)).once());

        PortFailure failure = adapter.read().getLeft();

        assertThat(failure).isInstanceOf(PortFailure.Invalid.class);
        assertThat(failure.message()).contains("ImageBasedUpgrade upgrade").contains("Finish");
    }
}
