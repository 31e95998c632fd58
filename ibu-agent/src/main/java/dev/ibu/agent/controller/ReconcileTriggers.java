package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.Map;
import java.util.Objects;

/**
 * Which changes of the IBU trigger a reconcile (stage-machine.md §4.12): a new generation (spec change); the
 * {@code lca.openshift.io/manual-cleanup-done} annotation added or removed; {@code lca.openshift.io/trigger-reconcile}
 * added or changed (its removal does not trigger). Status-only updates never do.
 */
public final class ReconcileTriggers {
    public static final String MANUAL_CLEANUP_DONE = "lca.openshift.io/manual-cleanup-done";
    public static final String TRIGGER_RECONCILE = "lca.openshift.io/trigger-reconcile";

    private ReconcileTriggers() {
    }

    public static boolean onUpdate(ImageBasedUpgradeResource before, ImageBasedUpgradeResource after) {
        ObjectMeta a = before.getMetadata();
        ObjectMeta b = after.getMetadata();
        if (!Objects.equals(a.getGeneration(), b.getGeneration())) {
            return true;
        }
        Map<String, String> was = annotations(a);
        Map<String, String> is = annotations(b);
        if (was.containsKey(MANUAL_CLEANUP_DONE) != is.containsKey(MANUAL_CLEANUP_DONE)) {
            return true;
        }
        return is.containsKey(TRIGGER_RECONCILE) && !Objects.equals(was.get(TRIGGER_RECONCILE),
                is.get(TRIGGER_RECONCILE));
    }

    private static Map<String, String> annotations(ObjectMeta m) {
        return m.getAnnotations() == null ? Map.of() : m.getAnnotations();
    }
}
