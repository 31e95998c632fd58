package dev.ibu.adapters.oadp.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Velero's default changes to an object before it is created again: server-owned metadata dropped ({@code uid},
 * {@code resourceVersion}, {@code generation}, {@code creationTimestamp}, {@code managedFields}, {@code selfLink},
 * {@code generateName}, deletion fields, {@code ownerReferences}), {@code status} dropped unless the Restore's
 * {@code restoreStatus} names the kind, restore labels added; PersistentVolumes lose their claim's uid and
 * resourceVersion and the binding annotations (the controller binds them again), claims lose the binding
 * annotations (and {@code volumeName} when their volume is not restored), Services their allocated cluster IPs and
 * node ports (unless {@code preserveNodePorts}), Pods their node.
 */
public final class RestoreTransforms {
    static final List<String> SERVER_METADATA = List.of("generateName", "selfLink", "uid", "resourceVersion",
            "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences",
            "managedFields");
    static final Set<String> BINDING_ANNOTATIONS = Set.of("pv.kubernetes.io/bind-completed",
            "pv.kubernetes.io/bound-by-controller");
    public static final String BACKUP_NAME_LABEL = "velero.io/backup-name";
    public static final String RESTORE_NAME_LABEL = "velero.io/restore-name";

    private RestoreTransforms() {
    }

    /**
     * A deep copy of {@code object} as Velero would create it.
     *
     * @param keepStatus       the Restore's restoreStatus names this kind
     * @param volumeRestored   for a claim: whether its volume is restored too (else it is provisioned anew)
     * @param preserveNodePorts the Restore's preserveNodePorts
     */
    public static Map<String, Object> apply(String qualified, Map<String, Object> object, String backupName,
                                            String restoreName, boolean keepStatus, boolean volumeRestored,
                                            boolean preserveNodePorts) {
        Map<String, Object> o = deepCopy(object);
        Map<String, Object> meta = mutable(o, "metadata");
        SERVER_METADATA.forEach(meta::remove);
        if (!keepStatus) {
            o.remove("status");
        }
        Map<String, Object> labels = mutable(meta, "labels");
        labels.put(BACKUP_NAME_LABEL, backupName);
        labels.put(RESTORE_NAME_LABEL, restoreName);
        switch (qualified) {
            case "persistentvolumes" -> {
                Map<String, Object> claimRef = Documents.map(mutable(o, "spec").get("claimRef"));
                if (!claimRef.isEmpty()) {
                    Map<String, Object> ref = mutable(mutable(o, "spec"), "claimRef");
                    ref.remove("uid");
                    ref.remove("resourceVersion");
                }
                dropAnnotations(meta);
            }
            case "persistentvolumeclaims" -> {
                dropAnnotations(meta);
                if (!volumeRestored) {
                    mutable(o, "spec").remove("volumeName");
                }
            }
            case "services" -> service(mutable(o, "spec"), preserveNodePorts);
            case "pods" -> mutable(o, "spec").remove("nodeName");
            default -> {
                // no kind-specific change
            }
        }
        return o;
    }

    private static void service(Map<String, Object> spec, boolean preserveNodePorts) {
        if (!"None".equals(spec.get("clusterIP"))) {
            spec.remove("clusterIP");
            spec.remove("clusterIPs");
        }
        if (!preserveNodePorts) {
            spec.remove("healthCheckNodePort");
            if (spec.get("ports") instanceof List<?> ports) {
                List<Object> out = new ArrayList<>();
                for (Object p : ports) {
                    Map<String, Object> port = new LinkedHashMap<>(Documents.map(p));
                    port.remove("nodePort");
                    out.add(port);
                }
                spec.put("ports", out);
            }
        }
    }

    private static void dropAnnotations(Map<String, Object> meta) {
        Object a = meta.get("annotations");
        if (a instanceof Map<?, ?>) {
            Map<String, Object> annotations = mutable(meta, "annotations");
            BINDING_ANNOTATIONS.forEach(annotations::remove);
            if (annotations.isEmpty()) {
                meta.remove("annotations");
            }
        }
    }

    private static Map<String, Object> mutable(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        Map<String, Object> m = v instanceof Map<?, ?> ? new LinkedHashMap<>(Documents.map(v)) : new LinkedHashMap<>();
        parent.put(key, m);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, copy(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> map) {
            return deepCopy((Map<String, Object>) map);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }
}
