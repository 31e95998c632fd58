package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.out.ExportBundle;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Extra manifests at scale (issue 16) on the strict API server, counting requests (not time): validation sends one
 * dry run per manifest and asks for each namespace once (upstream: the namespace, a GET and a dry run per manifest),
 * and applying new objects sends one create each (upstream: a GET and a create). Objects that already exist still get
 * upstream's GET and replace, so the outcome is the same either way.
 */
class ManifestsAtScaleIT {
    private static final int N = 1000;
    private static final int NAMESPACES = 4;
    private ManifestScale scale;

    @BeforeEach
    void start() {
        scale = new ManifestScale(N, NAMESPACES);
    }

    @AfterEach
    void stop() {
        scale.close();
    }

    @Test
    void validation_sends_one_dry_run_per_manifest_and_asks_for_each_namespace_once() {
        var pass = scale.validate();

        assertThat(pass.result().get().warnings()).isEmpty();
        Map<String, Integer> counts = pass.counts();
        assertThat(counts.get("GET /api/v1/namespaces/{name}")).as("%s", counts).isEqualTo(NAMESPACES);
        int dryRuns = 0;
        for (int i = 0; i < NAMESPACES; i++) {
            dryRuns += counts.getOrDefault("POST /api/v1/namespaces/" + ManifestScale.namespace(i) + "/configmaps", 0)
                    + counts.getOrDefault("POST /api/v1/namespaces/" + ManifestScale.namespace(i) + "/secrets", 0);
            assertThat(counts).as("no object is read one by one").doesNotContainKeys(
                    "GET /api/v1/namespaces/" + ManifestScale.namespace(i) + "/configmaps/{name}",
                    "GET /api/v1/namespaces/" + ManifestScale.namespace(i) + "/secrets/{name}");
        }
        assertThat(dryRuns).as("one dry run per manifest: %s", counts).isEqualTo(N);
        assertThat((double) pass.requests() / N).as("requests per manifest: %s", counts).isLessThanOrEqualTo(1.2);
        assertThat(scale.live(0)).as("a dry run persists nothing").isNull();
        System.out.printf("figure: validation of %d manifests: %d requests (%.3f per manifest) %s%n", N,
                pass.requests(), (double) pass.requests() / N, counts);
    }

    @Test
    void applying_new_objects_sends_one_create_each_and_existing_ones_are_replaced_as_upstream() {
        ExportBundle bundle = scale.export().result().get();
        var apply = scale.apply(bundle);

        assertThat(apply.result().isRight()).as("%s", apply.result()).isTrue();
        assertThat(apply.requests()).as("one create per manifest: %s", apply.counts()).isEqualTo(N);
        assertThat(scale.live(7).getAdditionalProperties().get("data")).isEqualTo(Map.of("value", "one"));
        assertThat(scale.live(9).getMetadata().getAnnotations()).as("the instruction annotations stay out")
                .doesNotContainKey(Manifest.APPLY_WAVE);

        // the same manifests with other values: every create answers AlreadyExists, then upstream's GET and replace
        ExportBundle changed = new ExportBundle(bundle.files().map((file, text) ->
                io.vavr.Tuple.of(file, text.replace("\"one\"", "\"two\""))));
        var again = scale.apply(changed);

        assertThat(again.result().isRight()).as("%s", again.result()).isTrue();
        assertThat(scale.live(7).getAdditionalProperties().get("data")).isEqualTo(Map.of("value", "two"));
        assertThat(again.requests()).as("create, GET, replace for an existing object: %s", again.counts())
                .isEqualTo(3 * N);
        System.out.printf("figure: apply of %d new manifests: %d requests; of %d existing ones: %d requests%n", N,
                apply.requests(), N, again.requests());
    }
}
