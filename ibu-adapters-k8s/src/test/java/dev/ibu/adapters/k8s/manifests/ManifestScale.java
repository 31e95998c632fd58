package dev.ibu.adapters.k8s.manifests;

import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Extra manifests at scale on the strict API server (issue 16): {@code manifests} ConfigMaps and Secrets (one in
 * five) spread over {@code namespaces} namespaces and ten apply waves, in one extraManifests ConfigMap of ten keys.
 * The adapter acts through a client whose every request is tallied. Used by {@code ManifestsAtScaleIT} (request
 * counts) and {@code ManifestScaleBench} (time, against upstream's request sequence).
 */
final class ManifestScale implements AutoCloseable {
    static final String NS = "openshift-lifecycle-agent";
    static final ConfigMapRef CM = new ConfigMapRef("extra-at-scale", NS);

    final int manifests;
    final int namespaces;
    final ApiServer api;
    final RequestTally tally = new RequestTally();
    final KubernetesClient client;
    final ExtraManifestAdapter adapter;

    /** What one pass sent and took. */
    record Pass<T>(Either<PortFailure, T> result, int requests, Map<String, Integer> counts, long nanos) {
    }

    ManifestScale(int manifests, int namespaces) {
        this.manifests = manifests;
        this.namespaces = namespaces;
        api = ApiServer.builder().start();
        StringBuilder ns = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + NS + "\n");
        for (int i = 0; i < namespaces; i++) {
            ns.append("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ").append(namespace(i)).append('\n');
        }
        api.apply(new ByteArrayInputStream(ns.toString().getBytes(StandardCharsets.UTF_8)), "default");
        client = tally.counting(api.clientAs(Identity.admin()));
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < manifests; i++) {
            data.merge("part-" + (i % 10) + ".yaml", manifest(i, "one"), (a, b) -> a + "---\n" + b);
        }
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName(CM.name())
                .endMetadata().withData(data).build()).create();
        adapter = new ExtraManifestAdapter(client);
    }

    static String namespace(int i) {
        return "apps-" + i;
    }

    String namespaceOf(int i) {
        return namespace(i % namespaces);
    }

    static String name(int i) {
        return (i % 5 == 4 ? "secret-" : "config-") + i;
    }

    /** Manifest {@code i}, with {@code value} in its data. */
    String manifest(int i, String value) {
        String meta = "metadata:\n  name: " + name(i) + "\n  namespace: " + namespaceOf(i) + "\n  annotations:\n"
                + "    lca.openshift.io/apply-wave: \"" + (1 + i % 10) + "\"\n";
        return i % 5 == 4
                ? "apiVersion: v1\nkind: Secret\n" + meta + "type: Opaque\ndata:\n  token: "
                        + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\n"
                : "apiVersion: v1\nkind: ConfigMap\n" + meta + "data:\n  value: " + value + "\n";
    }

    Pass<ManifestValidation> validate() {
        return measured(() -> adapter.validate(List.of(CM)));
    }

    Pass<ExportBundle> export() {
        return measured(() -> adapter.export(List.of(CM)));
    }

    Pass<Void> apply(ExportBundle bundle) {
        return measured(() -> adapter.apply(bundle));
    }

    /** The object manifest {@code i} describes, as the cluster has it (null when absent). */
    GenericKubernetesResource live(int i) {
        return client.genericKubernetesResources("v1", i % 5 == 4 ? "Secret" : "ConfigMap")
                .inNamespace(namespaceOf(i)).withName(name(i)).get();
    }

    private <T> Pass<T> measured(java.util.function.Supplier<Either<PortFailure, T>> call) {
        tally.reset();
        long t0 = System.nanoTime();
        Either<PortFailure, T> r = call.get();
        long nanos = System.nanoTime() - t0;
        return new Pass<>(r, tally.total(), tally.counts(), nanos);
    }

    @Override
    public void close() {
        client.close();
        api.close();
    }
}
