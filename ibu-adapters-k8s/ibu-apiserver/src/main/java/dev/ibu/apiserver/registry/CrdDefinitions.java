package dev.ibu.apiserver.registry;

import dev.ibu.apiserver.admission.CustomResourceAdmission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The resource types a CustomResourceDefinition object defines: one per served version. */
public final class CrdDefinitions {
    private CrdDefinitions() {
    }

    /**
     * @throws IllegalArgumentException when a version's schema or CEL rules cannot be compiled
     */
    public static List<ResourceType> typesOf(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String group = spec.path("group").asString();
        String plural = names.path("plural").asString();
        String kind = names.path("kind").asString();
        String singular = names.path("singular").asString(kind.toLowerCase());
        boolean namespaced = "Namespaced".equals(spec.path("scope").asString("Namespaced"));
        List<String> shortNames = strings(names.path("shortNames"));
        List<String> categories = strings(names.path("categories"));
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(true)) {
                continue;
            }
            JsonNode schema = version.path("schema").path("openAPIV3Schema");
            CustomResource custom = new CustomResource(crd.path("metadata").path("name").asString(), schema,
                    columns(version.path("additionalPrinterColumns")), CustomResourceAdmission.compile(schema));
            boolean status = version.path("subresources").has("status");
            types.add(new ResourceType(group, version.path("name").asString(), plural, singular, kind, namespaced,
                    shortNames, categories, status, true, Optional.of(custom)));
        }
        // the storage version first, so that it is the preferred version in discovery
        types.sort((a, b) -> Boolean.compare(isStorage(spec, b), isStorage(spec, a)));
        return types;
    }

    private static boolean isStorage(JsonNode spec, ResourceType t) {
        for (JsonNode v : spec.path("versions")) {
            if (v.path("name").asString().equals(t.version())) {
                return v.path("storage").asBoolean(false);
            }
        }
        return false;
    }

    private static List<PrinterColumn> columns(JsonNode list) {
        List<PrinterColumn> out = new ArrayList<>();
        for (JsonNode c : list) {
            out.add(new PrinterColumn(c.path("name").asString(), c.path("type").asString("string"), c.path("format").asString(""),
                    c.path("description").asString(""), c.path("priority").asInt(0), c.path("jsonPath").asString()));
        }
        return out;
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asString()));
        return out;
    }
}
