package dev.ibu.apiserver.discovery;

import dev.ibu.apiserver.json.Json;
import dev.ibu.apiserver.registry.ResourceRegistry;
import dev.ibu.apiserver.registry.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents (/api, /apis, /apis/{group}, /api/v1, /apis/{group}/{version}) and /version, built from
 * what is served right now, whatever the query string. Plain JSON documents, so kubectl falls back from aggregated
 * discovery to these.
 */
public final class Discovery {
    public static final String GIT_VERSION = "v1.32.4";
    private final ResourceRegistry registry;

    public Discovery(ResourceRegistry registry) {
        this.registry = registry;
    }

    public Optional<JsonNode> document(String path) {
        String[] s = path.replaceAll("^/+", "").split("/");
        if (path.equals("/version")) {
            return Optional.of(version());
        }
        if (path.equals("/api")) {
            ObjectNode v = Json.object().put("kind", "APIVersions");
            v.putArray("versions").add("v1");
            v.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", "127.0.0.1");
            return Optional.of(v);
        }
        if (path.equals("/apis")) {
            ObjectNode list = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
            ArrayNode groups = list.putArray("groups");
            registry.groups().forEach((g, versions) -> groups.add(group(g, versions)));
            return Optional.of(list);
        }
        if (s.length == 2 && s[0].equals("apis") && registry.groups().containsKey(s[1])) {
            ObjectNode g = group(s[1], registry.groups().get(s[1]));
            g.put("apiVersion", "v1");
            return Optional.of(g);
        }
        if (s.length == 2 && s[0].equals("api") && s[1].equals("v1")) {
            return Optional.of(resources("", "v1"));
        }
        if (s.length == 3 && s[0].equals("apis") && registry.servesGroupVersion(s[1], s[2])) {
            return Optional.of(resources(s[1], s[2]));
        }
        return Optional.empty();
    }

    private static ObjectNode version() {
        return Json.object().put("major", "1").put("minor", "32").put("gitVersion", GIT_VERSION)
                .put("gitCommit", "ibu-apiserver").put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z")
                .put("goVersion", "go1.23.6").put("compiler", "gc").put("platform", "linux/amd64");
    }

    private static ObjectNode group(String name, List<String> versions) {
        ObjectNode g = Json.object().put("kind", "APIGroup").put("name", name);
        ArrayNode vs = g.putArray("versions");
        versions.forEach(v -> vs.addObject().put("groupVersion", name + "/" + v).put("version", v));
        g.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0)).put("version", versions.get(0));
        return g;
    }

    private ObjectNode resources(String group, String version) {
        ObjectNode list = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType t : registry.inGroupVersion(group, version)) {
            ObjectNode r = resources.addObject().put("name", t.plural()).put("singularName", t.singular())
                    .put("namespaced", t.namespaced()).put("kind", t.kind());
            strings(r.putArray("verbs"), t.verbs());
            if (!t.shortNames().isEmpty()) {
                strings(r.putArray("shortNames"), t.shortNames());
            }
            if (!t.categories().isEmpty()) {
                strings(r.putArray("categories"), t.categories());
            }
            if (t.statusSubresource()) {
                ObjectNode s = resources.addObject().put("name", t.plural() + "/status").put("singularName", "")
                        .put("namespaced", t.namespaced()).put("kind", t.kind());
                strings(s.putArray("verbs"), List.of("get", "patch", "update"));
            }
        }
        return list;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** Non-core group-versions as "apis/{group}/{version}", core as "api/v1". */
    public List<String> groupVersionPaths() {
        List<String> out = new java.util.ArrayList<>(List.of("api/v1"));
        for (Map.Entry<String, List<String>> e : registry.groups().entrySet()) {
            e.getValue().forEach(v -> out.add("apis/" + e.getKey() + "/" + v));
        }
        return out;
    }
}
