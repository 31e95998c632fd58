package dev.ibu.adapters.oadp.local;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds to the fabric8 CRUD mock what it lacks and the local backup needs: discovery ({@code /api}, {@code /api/v1},
 * {@code /apis}, {@code /apis/<group>/<version>}) for the built-in kinds of {@link #BUILT_IN} and every stored
 * CustomResourceDefinition, as a real API server serves it. Everything else goes to the CRUD dispatcher.
 */
final class DiscoveryDispatcher extends Dispatcher {
    /** group/version -> resources (plural, kind, namespaced). */
    static final Map<String, List<APIResource>> BUILT_IN = new LinkedHashMap<>();

    static {
        builtIn("v1", "namespaces:Namespace:false", "configmaps:ConfigMap:true", "secrets:Secret:true",
                "services:Service:true", "serviceaccounts:ServiceAccount:true", "pods:Pod:true",
                "persistentvolumeclaims:PersistentVolumeClaim:true", "persistentvolumes:PersistentVolume:false",
                "events:Event:true", "nodes:Node:false");
        builtIn("apps/v1", "deployments:Deployment:true", "replicasets:ReplicaSet:true",
                "statefulsets:StatefulSet:true", "daemonsets:DaemonSet:true");
        builtIn("rbac.authorization.k8s.io/v1", "clusterroles:ClusterRole:false",
                "clusterrolebindings:ClusterRoleBinding:false", "roles:Role:true", "rolebindings:RoleBinding:true");
        builtIn("storage.k8s.io/v1", "storageclasses:StorageClass:false");
        builtIn("apiextensions.k8s.io/v1", "customresourcedefinitions:CustomResourceDefinition:false");
    }

    private static void builtIn(String gv, String... specs) {
        List<APIResource> list = new ArrayList<>();
        for (String s : specs) {
            String[] p = s.split(":");
            list.add(new APIResourceBuilder().withName(p[0]).withKind(p[1]).withNamespaced(Boolean.parseBoolean(p[2]))
                    .withSingularName(p[1].toLowerCase()).withVerbs("create", "delete", "get", "list", "patch", "update",
                            "watch").build());
            list.add(new APIResourceBuilder().withName(p[0] + "/status").withKind(p[1])
                    .withNamespaced(Boolean.parseBoolean(p[2])).withVerbs("get", "patch", "update").build());
        }
        BUILT_IN.put(gv, list);
    }

    private final Dispatcher crud;
    private final java.util.List<Fault> faults = new java.util.concurrent.CopyOnWriteArrayList<>();

    DiscoveryDispatcher(Dispatcher crud) {
        this.crud = crud;
    }

    /** Requests of {@code method} whose path contains {@code pathPart} are answered {@code code} until cleared. */
    record Fault(String method, String pathPart, int code, String message) {
    }

    void inject(Fault f) {
        faults.add(f);
    }

    void clearFaults() {
        faults.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        for (Fault f : faults) {
            if (f.method().equals(request.getMethod()) && request.getPath().contains(f.pathPart())) {
                io.fabric8.kubernetes.api.model.Status status = new io.fabric8.kubernetes.api.model.StatusBuilder()
                        .withStatus("Failure").withCode(f.code()).withMessage(f.message()).build();
                return new MockResponse().setResponseCode(f.code()).setHeader("Content-Type", "application/json")
                        .setBody(Serialization.asJson(status));
            }
        }
        if (request.method() == HttpMethod.GET) {
            String path = request.getPath().contains("?") ? request.getPath().substring(0, request.getPath().indexOf('?'))
                    : request.getPath();
            Map<String, List<APIResource>> all = all();
            if (path.equals("/api")) {
                return json(new APIVersionsBuilder().withVersions("v1").build());
            }
            if (path.equals("/api/v1")) {
                return json(new APIResourceListBuilder().withGroupVersion("v1").withResources(all.get("v1")).build());
            }
            if (path.equals("/apis")) {
                APIGroupListBuilder groups = new APIGroupListBuilder();
                all.keySet().stream().filter(gv -> gv.contains("/")).forEach(gv -> {
                    String[] p = gv.split("/");
                    var version = new GroupVersionForDiscoveryBuilder().withGroupVersion(gv).withVersion(p[1]).build();
                    groups.addToGroups(new APIGroupBuilder().withName(p[0]).withVersions(version)
                            .withPreferredVersion(version).build());
                });
                return json(groups.build());
            }
            String[] p = path.split("/");
            if (p.length == 4 && p[1].equals("apis") && all.containsKey(p[2] + "/" + p[3])) {
                return json(new APIResourceListBuilder().withGroupVersion(p[2] + "/" + p[3])
                        .withResources(all.get(p[2] + "/" + p[3])).build());
            }
        }
        return crud.dispatch(request);
    }

    private Map<String, List<APIResource>> all() {
        Map<String, List<APIResource>> all = new LinkedHashMap<>();
        BUILT_IN.forEach((k, v) -> all.put(k, new ArrayList<>(v)));
        MockResponse crds = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET,
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", new Headers.Builder().build(), new Buffer()));
        if (crds.code() == 200) {
            CustomResourceDefinitionList list = Serialization.unmarshal(crds.getBody().readUtf8(),
                    CustomResourceDefinitionList.class);
            for (CustomResourceDefinition crd : list.getItems()) {
                var spec = crd.getSpec();
                String gv = spec.getGroup() + "/" + spec.getVersions().get(0).getName();
                all.computeIfAbsent(gv, k -> new ArrayList<>()).add(new APIResourceBuilder()
                        .withName(spec.getNames().getPlural()).withKind(spec.getNames().getKind())
                        .withSingularName(spec.getNames().getSingular()).withShortNames(spec.getNames().getShortNames())
                        .withNamespaced("Namespaced".equals(spec.getScope()))
                        .withVerbs("create", "delete", "get", "list", "patch", "update", "watch").build());
            }
        }
        return all;
    }

    private static MockResponse json(Object body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(body));
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
