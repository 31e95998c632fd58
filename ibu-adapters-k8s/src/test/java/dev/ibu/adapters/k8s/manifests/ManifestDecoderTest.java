package dev.ibu.adapters.k8s.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ConfigMapData;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestDecoderTest {
    private static final ConfigMapRef CM = new ConfigMapRef("extra-cm", "openshift-lifecycle-agent");

    private static ManifestDecoder.Decoded decode(Map<String, String> data) {
        return new ManifestDecoder().decode(new ConfigMapData(CM, data));
    }

    @Test
    void decodes_yaml_streams_and_json_in_key_then_document_order_dropping_uid_and_resource_version() {
        var decoded = decode(Map.of(
                "b.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"j\"}}",
                "a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n  uid: 123\n"
                        + "  resourceVersion: '9'\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n"));

        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.manifests()).extracting(Manifest::describe)
                .containsExactly("Namespace[ns1]", "ConfigMap[c1]", "ConfigMap[j]");
        assertThat(decoded.manifests().get(0).object().get("metadata")).isEqualTo(Map.of("name", "ns1"));
        assertThat(decoded.manifests().get(1).origin())
                .isEqualTo("ConfigMap openshift-lifecycle-agent/extra-cm key a.yaml document 3");
    }

    @Test
    void malformed_yaml_names_the_key_and_the_config_map() {
        var decoded = decode(Map.of("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
                + "  labels: a: b\n"));

        assertThat(decoded.manifests()).isEmpty();
        assertThat(decoded.errors()).singleElement().asString()
                .startsWith("failed to decode bad.yaml in the configMap extra-cm: document 1: ")
                .contains("mapping values are not allowed");
    }

    @Test
    void a_document_without_kind_or_that_is_not_an_object_is_a_decode_error() {
        var decoded = decode(Map.of("k.yaml", "apiVersion: v1\nmetadata:\n  name: x\n---\n- just\n- a list\n"));

        assertThat(decoded.errors()).containsExactly(
                "failed to decode k.yaml in the configMap extra-cm: document 1: Object 'Kind' is missing in "
                        + "'{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}'",
                "failed to decode k.yaml in the configMap extra-cm: document 2: expected an object (a mapping with "
                        + "apiVersion and kind), got [\"just\",\"a list\"]");
    }

    @Test
    void an_oversized_object_is_an_error_naming_config_map_key_and_object() {
        String big = "x".repeat(2000);
        var decoded = new ManifestDecoder(1024).decode(new ConfigMapData(CM, Map.of("big.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: " + big + "\n")));

        assertThat(decoded.manifests()).isEmpty();
        assertThat(decoded.errors()).singleElement().asString().startsWith(
                "ConfigMap[huge] (ConfigMap openshift-lifecycle-agent/extra-cm key big.yaml document 1): object is ")
                .contains("more than the 1024 bytes");
    }
}
