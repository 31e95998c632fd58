package dev.ibu.adapters.oadp.velero;

import dev.ibu.adapters.oadp.VeleroKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Velero for tests, driving the same CRs real Velero does: each {@link #tick()} moves every Backup,
 * Restore and DeleteBackupRequest one phase on, reconciles the DPA and the BackupStorageLocation, and syncs
 * Backups from the {@link ObjectStore} into the cluster (as Velero does after the pivot). It can fail named
 * Backups or Restores, lose S3 (BSL Unavailable, backups fail, deletions hang or fail), and sync late.
 * {@link #watch()} makes it tick on every watch event, like a controller, for asynchronous tests.
 */
public final class TestVelero implements AutoCloseable {
    public static final String NS = "openshift-adp";
    /** Kinds whose CRD has a status subresource (main-resource writes ignore status there). */
    private static final java.util.Set<String> STATUS_SUBRESOURCE = java.util.Set.of("backupstoragelocations",
            "dataprotectionapplications");

    /** What happens to a DeleteBackupRequest while S3 is unreachable. */
    public enum OutageDeletion { HANG, PROCESS_WITH_ERRORS }

    private final KubernetesClient client;
    private final ObjectStore store;
    private final Map<String, String> failBackups = new ConcurrentHashMap<>();
    private final Map<String, String> failRestores = new ConcurrentHashMap<>();
    private final AtomicInteger syncDelay = new AtomicInteger();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile OutageDeletion outageDeletion = OutageDeletion.HANG;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public TestVelero(KubernetesClient client, ObjectStore store) {
        this.client = client;
        this.store = store;
    }

    /** The named Backup ends in {@code phase} (Failed, PartiallyFailed or FailedValidation). */
    public void failBackup(String name, String phase) {
        failBackups.put(name, phase);
    }

    public void failRestore(String name, String phase) {
        failRestores.put(name, phase);
    }

    /** The first {@code ticks} ticks do not sync Backups from the bucket (a slow BSL sync after the pivot). */
    public void syncLate(int ticks) {
        syncDelay.set(ticks);
    }

    public void onOutage(OutageDeletion mode) {
        outageDeletion = mode;
    }

    /** What Velero did, in order, e.g. {@code restore-created app1}, {@code backup-deleted app1}. */
    public List<String> log() {
        return List.copyOf(log);
    }

    public synchronized void tick() {
        if (!reconcileDpa()) {
            return; // no DPA: no Velero deployment runs
        }
        for (GenericKubernetesResource b : list(VeleroKinds.BACKUP)) {
            stepBackup(b);
        }
        if (syncDelay.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            syncFromBucket();
        }
        for (GenericKubernetesResource r : list(VeleroKinds.RESTORE)) {
            stepRestore(r);
        }
        for (GenericKubernetesResource d : list(VeleroKinds.DELETE_BACKUP_REQUEST)) {
            stepDeletion(d);
        }
    }

    public void ticks(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
    }

    /** Ticks on every change of a Velero kind or DPA, as a controller would. */
    public void watch() {
        for (ResourceDefinitionContext kind : List.of(VeleroKinds.BACKUP, VeleroKinds.RESTORE,
                VeleroKinds.DELETE_BACKUP_REQUEST, VeleroKinds.DPA)) {
            watches.add(client.genericKubernetesResources(kind).inAnyNamespace().watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, GenericKubernetesResource resource) {
                    if (closed) {
                        return;
                    }
                    try {
                        tick();
                    } catch (KubernetesClientException | IllegalStateException e) {
                        // the next event retries; while closing, the client may already be gone
                        errors.add(e.getMessage());
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            }));
        }
    }

    private boolean reconcileDpa() {
        List<GenericKubernetesResource> dpas = client.genericKubernetesResources(VeleroKinds.DPA).inNamespace(NS).list().getItems();
        if (dpas.isEmpty()) {
            return false;
        }
        for (GenericKubernetesResource dpa : dpas) {
            if (!String.valueOf(dpa.getAdditionalProperties().get("status")).contains("Reconciled")) {
                patchStatus(VeleroKinds.DPA, dpa, Map.of("conditions",
                        List.of(Map.of("type", "Reconciled", "status", "True", "reason", "Complete"))));
            }
        }
        String phase = store.reachable() ? "Available" : "Unavailable";
        var bsls = client.genericKubernetesResources(VeleroKinds.BACKUP_STORAGE_LOCATION).inNamespace(NS);
        GenericKubernetesResource bsl = bsls.withName("default").get();
        if (bsl == null) {
            bsl = bsls.resource(new GenericKubernetesResourceBuilder().withApiVersion("velero.io/v1")
                    .withKind("BackupStorageLocation").withNewMetadata().withName("default").withNamespace(NS)
                    .endMetadata().addToAdditionalProperties("spec", Map.of("provider", "aws", "default", true,
                            "objectStorage", Map.of("bucket", "ibu-backups", "prefix", "velero"))).build()).create();
        }
        if (!phase.equals(phaseOf(bsl))) {
            patchStatus(VeleroKinds.BACKUP_STORAGE_LOCATION, bsl, Map.of("phase", phase));
        }
        return true;
    }

    private void stepBackup(GenericKubernetesResource b) {
        String phase = phaseOf(b);
        String name = b.getMetadata().getName();
        switch (phase) {
            case "" -> patchStatus(VeleroKinds.BACKUP, b, Map.of("phase", "New"));
            case "New" -> patchStatus(VeleroKinds.BACKUP, b, Map.of("phase", "InProgress"));
            case "InProgress" -> {
                if (!store.reachable()) {
                    patchStatus(VeleroKinds.BACKUP, b, Map.of("phase", "Failed",
                            "failureReason", "error checking if backup already exists in object storage"));
                } else if (failBackups.containsKey(name)) {
                    patchStatus(VeleroKinds.BACKUP, b, Map.of("phase", failBackups.get(name)));
                } else {
                    Map<String, Object> stored = toMap(b);
                    stored.put("status", Map.of("phase", "Completed"));
                    store.put(key(b), stored);
                    patchStatus(VeleroKinds.BACKUP, b, Map.of("phase", "Completed"));
                    log.add("backup-completed " + name);
                }
            }
            default -> {
            }
        }
    }

    private void syncFromBucket() {
        if (!store.reachable()) {
            return;
        }
        for (var e : store.backups().entrySet()) {
            String[] nsName = e.getKey().split("/");
            var op = client.genericKubernetesResources(VeleroKinds.BACKUP).inNamespace(nsName[0]);
            if (op.withName(nsName[1]).get() == null) {
                Map<String, Object> doc = new LinkedHashMap<>(e.getValue());
                Map<String, Object> meta = new LinkedHashMap<>(map(doc.get("metadata")));
                for (String server : List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields")) {
                    meta.remove(server);
                }
                doc.put("metadata", meta);
                op.resource(Serialization.jsonMapper().convertValue(doc, GenericKubernetesResource.class)).create();
                log.add("backup-synced " + nsName[1]);
            }
        }
    }

    private void stepRestore(GenericKubernetesResource r) {
        String name = r.getMetadata().getName();
        switch (phaseOf(r)) {
            case "" -> {
                patchStatus(VeleroKinds.RESTORE, r, Map.of("phase", "New"));
                log.add("restore-created " + name);
            }
            case "New" -> patchStatus(VeleroKinds.RESTORE, r, Map.of("phase", "InProgress"));
            case "InProgress" -> {
                String backup = String.valueOf(map(r.getAdditionalProperties().get("spec")).get("backupName"));
                boolean inBucket = store.backupKeys().contains(r.getMetadata().getNamespace() + "/" + backup);
                String end = failRestores.getOrDefault(name, store.reachable() && inBucket ? "Completed" : "Failed");
                patchStatus(VeleroKinds.RESTORE, r, Map.of("phase", end));
                log.add("restore-" + end.toLowerCase() + " " + name);
            }
            default -> {
            }
        }
    }

    private void stepDeletion(GenericKubernetesResource d) {
        if ("Processed".equals(phaseOf(d))) {
            return;
        }
        String ns = d.getMetadata().getNamespace();
        String backup = String.valueOf(map(d.getAdditionalProperties().get("spec")).get("backupName"));
        if (!store.reachable()) {
            if (outageDeletion == OutageDeletion.PROCESS_WITH_ERRORS) {
                patchStatus(VeleroKinds.DELETE_BACKUP_REQUEST, d, Map.of("phase", "Processed",
                        "errors", List.of("error getting backup store: dial tcp: connection refused")));
            }
            return;
        }
        store.remove(ns + "/" + backup);
        client.genericKubernetesResources(VeleroKinds.BACKUP).inNamespace(ns).withName(backup).delete();
        log.add("backup-deleted " + backup);
        // Velero removes a request once it has deleted the backup
        client.genericKubernetesResources(VeleroKinds.DELETE_BACKUP_REQUEST).inNamespace(ns)
                .withName(d.getMetadata().getName()).delete();
    }

    private List<GenericKubernetesResource> list(ResourceDefinitionContext kind) {
        return new ArrayList<>(client.genericKubernetesResources(kind).inAnyNamespace().list().getItems());
    }

    private void patchStatus(ResourceDefinitionContext kind, GenericKubernetesResource r, Map<String, Object> status) {
        Map<String, Object> merged = new LinkedHashMap<>(map(r.getAdditionalProperties().get("status")));
        merged.putAll(status);
        var op = client.genericKubernetesResources(kind).inNamespace(r.getMetadata().getNamespace())
                .withName(r.getMetadata().getName());
        if (op.get() != null) {
            String patch = Serialization.asJson(Map.of("status", merged));
            if (STATUS_SUBRESOURCE.contains(kind.getPlural())) {
                try {
                    op.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404) {
                        throw e;
                    }
                    op.patch(PatchContext.of(PatchType.JSON_MERGE), patch); // a CRD without the status subresource
                }
            } else {
                op.patch(PatchContext.of(PatchType.JSON_MERGE), patch); // Velero's Backup, Restore, DBR: no subresource
            }
        }
    }

    static String phaseOf(GenericKubernetesResource r) {
        Object p = map(r.getAdditionalProperties().get("status")).get("phase");
        return p == null ? "" : p.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(GenericKubernetesResource r) {
        return new LinkedHashMap<>(Serialization.jsonMapper().convertValue(r, Map.class));
    }

    private static String key(GenericKubernetesResource r) {
        return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
    }

    @Override
    public void close() {
        closed = true;
        watches.forEach(Watch::close);
    }
}
