package dev.ibu.agent.ops;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.adapters.k8s.events.EventAdapter;
import dev.ibu.adapters.oadp.VeleroKinds;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import tools.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster side of {@code diagnose}: the IBU, its events and the agent namespace's events, the ConfigMaps the IBU
 * refers to (oadpContent, extraManifests), and the OADP objects (Backups, Restores, DeleteBackupRequests,
 * BackupStorageLocations, DataProtectionApplications, and Secrets with their values redacted). A part that cannot be
 * read becomes a note; the others are still collected.
 */
final class ClusterCollector {
    private static final ObjectMapper YAML = Yaml.MAPPER;
    private static final ResourceDefinitionContext IBU = new ResourceDefinitionContext.Builder()
            .withGroup(ImageBasedUpgradeResource.GROUP).withVersion(ImageBasedUpgradeResource.VERSION)
            .withKind("ImageBasedUpgrade").withPlural("imagebasedupgrades").withNamespaced(false).build();

    private final KubernetesClient client;
    private final Bundle bundle;

    ClusterCollector(KubernetesClient client, Bundle bundle) {
        this.client = client;
        this.bundle = bundle;
    }

    void collect(String agentNamespace, String oadpNamespace) {
        Map<String, Object> ibu = attempt("ImageBasedUpgrade upgrade", () -> {
            GenericKubernetesResource r = client.genericKubernetesResources(IBU)
                    .withName(ImageBasedUpgradeResource.NAME).get();
            if (r == null) {
                bundle.note("ImageBasedUpgrade upgrade: not found (is the agent running? it creates it)");
                return null;
            }
            Map<String, Object> m = Redactor.resource(asMap(r));
            bundle.add("ibu/upgrade.yaml", YAML.writeValueAsString(m));
            return m;
        });
        attempt("events of the ImageBasedUpgrade", () -> {
            List<Event> all = client.v1().events().inNamespace(EventAdapter.NAMESPACE).list().getItems();
            bundle.add("events/imagebasedupgrade.yaml", list(all.stream().filter(e -> e.getInvolvedObject() != null
                    && "ImageBasedUpgrade".equals(e.getInvolvedObject().getKind())).map(e -> (Object) e).toList()));
            return null;
        });
        attempt("events in " + agentNamespace, () -> {
            bundle.add("events/" + agentNamespace + ".yaml", list(new ArrayList<Object>(client.v1().events()
                    .inNamespace(agentNamespace).list().getItems())));
            return null;
        });
        if (ibu != null) {
            configMaps(ibu);
        }
        oadp(oadpNamespace);
    }

    private void configMaps(Map<String, Object> ibu) {
        Object spec = ibu.get("spec");
        if (!(spec instanceof Map<?, ?> s)) {
            return;
        }
        for (String field : List.of("oadpContent", "extraManifests")) {
            if (!(s.get(field) instanceof List<?> refs)) {
                continue;
            }
            for (Object ref : refs) {
                if (ref instanceof Map<?, ?> r && r.get("name") instanceof String name
                        && r.get("namespace") instanceof String ns) {
                    attempt("ConfigMap " + ns + "/" + name + " (spec." + field + ")", () -> {
                        ConfigMap cm = client.configMaps().inNamespace(ns).withName(name).get();
                        if (cm == null) {
                            bundle.note("ConfigMap " + ns + "/" + name + " (spec." + field + "): not found");
                        } else {
                            bundle.add("ibu/configmaps/" + ns + "/" + name + ".yaml",
                                    YAML.writeValueAsString(Redactor.resource(asMap(cm))));
                        }
                        return null;
                    });
                }
            }
        }
    }

    private void oadp(String ns) {
        for (ResourceDefinitionContext kind : List.of(VeleroKinds.BACKUP, VeleroKinds.RESTORE,
                VeleroKinds.DELETE_BACKUP_REQUEST, VeleroKinds.BACKUP_STORAGE_LOCATION, VeleroKinds.DPA)) {
            attempt(kind.getPlural() + " in " + ns, () -> {
                bundle.add("oadp/" + kind.getPlural() + ".yaml", list(new ArrayList<Object>(client
                        .genericKubernetesResources(kind).inNamespace(ns).list().getItems())));
                return null;
            });
        }
        attempt("Secrets in " + ns, () -> {
            bundle.add("oadp/secrets.yaml", list(new ArrayList<Object>(client.secrets().inNamespace(ns).list()
                    .getItems())));
            return null;
        });
    }

    private String list(List<Object> items) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("apiVersion", "v1");
        l.put("kind", "List");
        l.put("items", items.stream().map(i -> (Object) Redactor.resource(asMap(i))).toList());
        return YAML.writeValueAsString(l);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(Object resource) {
        return client.getKubernetesSerialization().convertValue(resource, Map.class);
    }

    private interface Part<T> {
        T get();
    }

    private <T> T attempt(String what, Part<T> part) {
        try {
            return part.get();
        } catch (KubernetesClientException e) {
            String why = e.getCode() == 404 ? "the API is not served (is the operator installed?)"
                    : e.getCode() == 403 ? "forbidden: run with a kubeconfig that may read it" : e.getMessage();
            bundle.note(what + ": " + why);
        } catch (RuntimeException e) {
            bundle.note(what + ": " + e);
        }
        return null;
    }
}
