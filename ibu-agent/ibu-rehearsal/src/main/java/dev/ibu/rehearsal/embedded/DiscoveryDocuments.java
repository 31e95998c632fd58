package dev.ibu.rehearsal.embedded;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.List;
import java.util.Map;

/**
 * The discovery documents kubectl needs before it can name a kind (RECIPES-k8s-local.md, "Minimal discovery set"):
 * the IBU group and the core kinds local mode uses. Keyed by bare path; the dispatcher ignores query strings.
 */
final class DiscoveryDocuments {
    private static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list",
            "patch", "update", "watch");

    private static final String VERSION_JSON = "{\"major\":\"1\",\"minor\":\"28\",\"gitVersion\":"
            + "\"v1.28.0-ibu-local\",\"gitCommit\":\"0000000\",\"gitTreeState\":\"clean\",\"buildDate\":"
            + "\"2024-01-01T00:00:00Z\",\"goVersion\":\"none\",\"compiler\":\"none\",\"platform\":\"linux/amd64\"}";

    private DiscoveryDocuments() {
    }

    static VersionInfo versionInfo() {
        try {
            return new VersionInfo.Builder().withMajor("1").withMinor("28").withGitVersion("v1.28.0-ibu-local")
                    .withGitCommit("0000000").withGitTreeState("clean").withBuildDate("2024-01-01T00:00:00Z")
                    .withGoVersion("none").withCompiler("none").withPlatform("linux/amd64").build();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> all() {
        String group = ImageBasedUpgradeResource.GROUP;
        String gv = group + "/" + ImageBasedUpgradeResource.VERSION;
        String apis = Serialization.asJson(new APIGroupListBuilder().addToGroups(new APIGroupBuilder()
                .withName(group)
                .addToVersions(new GroupVersionForDiscoveryBuilder().withGroupVersion(gv)
                        .withVersion(ImageBasedUpgradeResource.VERSION).build())
                .withPreferredVersion(new GroupVersionForDiscoveryBuilder().withGroupVersion(gv)
                        .withVersion(ImageBasedUpgradeResource.VERSION).build())
                .build()).build());
        String ibu = Serialization.asJson(new APIResourceListBuilder().withGroupVersion(gv).withResources(
                resource(ImageBasedUpgradeResource.PLURAL, "imagebasedupgrade", "ImageBasedUpgrade", false,
                        ALL_VERBS, List.of("ibu")),
                resource(ImageBasedUpgradeResource.PLURAL + "/status", "", "ImageBasedUpgrade", false,
                        List.of("get", "patch", "update"), List.of())).build());
        String api = Serialization.asJson(new APIVersionsBuilder().withVersions("v1").build());
        String core = Serialization.asJson(new APIResourceListBuilder().withGroupVersion("v1").withResources(
                resource("configmaps", "configmap", "ConfigMap", true, ALL_VERBS, List.of("cm")),
                resource("secrets", "secret", "Secret", true, ALL_VERBS, List.of()),
                resource("namespaces", "namespace", "Namespace", false, ALL_VERBS, List.of("ns")),
                resource("events", "event", "Event", true, ALL_VERBS, List.of("ev"))).build());
        return Map.of("/apis", apis, "/apis/" + gv, ibu, "/api", api, "/api/v1", core,
                "/version", VERSION_JSON);
    }

    private static APIResource resource(String plural, String singular, String kind, boolean namespaced,
            List<String> verbs, List<String> shortNames) {
        return new APIResourceBuilder().withName(plural).withSingularName(singular).withKind(kind)
                .withNamespaced(namespaced).withVerbs(verbs).withShortNames(shortNames).build();
    }
}
