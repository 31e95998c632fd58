package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.ApiError;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists what one Backup selects, as Velero's item collector does: every served kind the resource filters take, in
 * the included namespaces, matching the label selectors; the PersistentVolume of every selected claim; the Namespace
 * object of every namespace items came from. Kinds that are never restored (events, nodes, Velero's own) are skipped.
 */
final class ObjectCollector {
    static final Set<String> NEVER = Set.of("events", "events.events.k8s.io", "nodes", "csinodes.storage.k8s.io",
            "volumeattachments.storage.k8s.io", "componentstatuses");

    private final KubernetesClient client;

    ObjectCollector(KubernetesClient client) {
        this.client = client;
    }

    Either<ApiError, List<BackedUpObject>> collect(BackupSelection selection, ResourceCatalog catalog) {
        return ApiError.call(() -> {
            Map<String, BackedUpObject> out = new LinkedHashMap<>();
            for (ApiResource r : catalog.all()) {
                if (NEVER.contains(r.qualified()) || r.group().equals("velero.io") || !selection.takes(r)) {
                    continue;
                }
                for (GenericKubernetesResource item : list(r, selection)) {
                    Map<String, String> labels = item.getMetadata().getLabels();
                    if (selection.labelsMatch(labels == null ? Map.of() : labels)) {
                        add(out, r, item);
                    }
                }
            }
            addVolumes(out, selection, catalog);
            addNamespaces(out, selection, catalog);
            List<BackedUpObject> sorted = new ArrayList<>(out.values());
            sorted.sort(Comparator.comparing(BackedUpObject::key));
            return sorted;
        });
    }

    private List<GenericKubernetesResource> list(ApiResource r, BackupSelection selection) {
        var op = client.genericKubernetesResources(r.context());
        if (!r.namespaced()) {
            return op.list().getItems();
        }
        List<String> explicit = selection.explicitNamespaces();
        if (explicit.isEmpty()) {
            return op.inAnyNamespace().list().getItems().stream()
                    .filter(i -> selection.namespaceIncluded(i.getMetadata().getNamespace())).toList();
        }
        List<GenericKubernetesResource> items = new ArrayList<>();
        for (String ns : explicit) {
            items.addAll(op.inNamespace(ns).list().getItems());
        }
        return items;
    }

    private void addVolumes(Map<String, BackedUpObject> out, BackupSelection selection, ResourceCatalog catalog) {
        Optional<ApiResource> pvs = catalog.byKind("v1", "PersistentVolume");
        if (pvs.isEmpty() || !selection.takesRelated(pvs.get())) {
            return;
        }
        for (BackedUpObject o : List.copyOf(out.values())) {
            if (!o.resource().kind().equals("PersistentVolumeClaim") || !o.resource().group().isEmpty()) {
                continue;
            }
            Object volume = Documents.map(o.object().get("spec")).get("volumeName");
            if (volume == null || volume.toString().isEmpty()) {
                continue;
            }
            GenericKubernetesResource pv = client.genericKubernetesResources(pvs.get().context())
                    .withName(volume.toString()).get();
            if (pv != null) {
                add(out, pvs.get(), pv);
            }
        }
    }

    private void addNamespaces(Map<String, BackedUpObject> out, BackupSelection selection, ResourceCatalog catalog) {
        Optional<ApiResource> nsKind = catalog.byKind("v1", "Namespace");
        if (nsKind.isEmpty() || !selection.takesRelated(nsKind.get())
                || selection.excludedResources().stream().anyMatch(nsKind.get()::named)) {
            return;
        }
        Set<String> wanted = new LinkedHashSet<>();
        out.values().stream().filter(o -> o.resource().namespaced()).forEach(o -> wanted.add(o.namespace()));
        if (!selection.hasLabelSelector()) {
            wanted.addAll(selection.explicitNamespaces());
        }
        for (String ns : wanted) {
            GenericKubernetesResource n = client.genericKubernetesResources(nsKind.get().context()).withName(ns).get();
            if (n != null) {
                add(out, nsKind.get(), n);
            }
        }
    }

    private static void add(Map<String, BackedUpObject> out, ApiResource r, GenericKubernetesResource item) {
        Map<String, Object> object = Documents.toMap(item);
        // list items of built-in kinds come without apiVersion and kind
        object.putIfAbsent("apiVersion", r.apiVersion());
        object.putIfAbsent("kind", r.kind());
        BackedUpObject o = new BackedUpObject(r, item.getMetadata().getNamespace(), item.getMetadata().getName(), object);
        out.putIfAbsent(o.key(), o);
    }
}
