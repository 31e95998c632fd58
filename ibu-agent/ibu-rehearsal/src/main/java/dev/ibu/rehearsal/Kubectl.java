package dev.ibu.rehearsal;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;

import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * What a person does with {@code oc} in the seed document, done over the same API: a JSON merge patch of the
 * {@code upgrade} resource (what {@code oc patch --type=merge} and {@code oc annotate} send), and the stored object
 * as {@code oc get ibu -o yaml} prints it.
 */
final class Kubectl {
    static final ResourceDefinitionContext IBU = new ResourceDefinitionContext.Builder()
            .withGroup(ImageBasedUpgradeResource.GROUP).withVersion(ImageBasedUpgradeResource.VERSION)
            .withKind("ImageBasedUpgrade").withPlural(ImageBasedUpgradeResource.PLURAL).withNamespaced(false).build();

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.LITERAL_BLOCK_STYLE,
                    YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER, YAMLWriteFeature.SPLIT_LINES).build();

    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile(
            "(?m)^(\\s*(?:- )?[A-Za-z]+: )(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z)$");

    private final KubernetesClient client;

    Kubectl(KubernetesClient client) {
        this.client = client;
    }

    private Resource<GenericKubernetesResource> upgrade() {
        return client.genericKubernetesResources(IBU).withName(ImageBasedUpgradeResource.NAME);
    }

    /** {@code oc patch imagebasedupgrades.lca.openshift.io upgrade -p=BODY --type=merge}. */
    void mergePatch(String body) {
        upgrade().patch(PatchContext.of(PatchType.JSON_MERGE), body);
    }

    /** {@code oc annotate ibu upgrade KEY=} (an empty value, as the seed document's fix). */
    void annotate(String key) {
        mergePatch(Serialization.asJson(Map.of("metadata", Map.of("annotations", Map.of(key, "")))));
    }

    GenericKubernetesResource get() {
        return upgrade().get();
    }

    /** The stored object as YAML; null fields (a quirk of the mock: {@code namespace: null}) are left out. */
    String getYaml() {
        GenericKubernetesResource ibu = get();
        if (ibu == null) {
            return "Error from server (NotFound): imagebasedupgrades.lca.openshift.io \"upgrade\" not found\n";
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = Serialization.unmarshal(Serialization.asJson(ibu), Map.class);
        // kubectl quotes timestamps (YAML 1.1 would read them as dates); Jackson leaves them bare
        return TIMESTAMP.matcher(YAML.writeValueAsString(withoutNulls(tree))).replaceAll("$1\"$2\"");
    }

    @SuppressWarnings("unchecked")
    private static Object withoutNulls(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();  // kubectl prints keys sorted (Go maps)
            m.forEach((k, v) -> {
                if (v != null) {
                    out.put((String) k, withoutNulls(v));
                }
            });
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(withoutNulls(v)));
            return out;
        }
        return node;
    }
}
