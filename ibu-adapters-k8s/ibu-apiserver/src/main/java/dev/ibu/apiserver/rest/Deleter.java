package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.registry.ResourceRegistry;
import dev.ibu.apiserver.registry.ResourceType;
import dev.ibu.apiserver.store.ObjectStore;
import dev.ibu.apiserver.store.StoreKey;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DELETE: preconditions (uid, resourceVersion), finalizers (the object only gets a deletionTimestamp until the last
 * finalizer goes), and the cascades a real server's controllers do: a Namespace takes its contents with it, a CRD
 * its custom resources. Owner references are not garbage-collected.
 */
public final class Deleter {
    /** The object deleted, or marked for deletion (then {@code immediate} is false and the answer is 202). */
    public record Deleted(ObjectNode object, boolean immediate) {
    }

    private final ObjectStore store;
    private final ResourceRegistry registry;
    private final CrdLifecycle crds;
    private final Clock clock = Clock.systemUTC();

    Deleter(ObjectStore store, ResourceRegistry registry, CrdLifecycle crds) {
        this.store = store;
        this.registry = registry;
        this.crds = crds;
    }

    Deleted delete(ResourceType t, StoreKey key, JsonNode options, WriteOptions write) {
        synchronized (store) {
            ObjectNode old = store.get(key).orElseThrow(() -> StatusError.notFound(t.groupResource(), key.name()));
            checkPreconditions(t, key, old, options);
            if (write.dryRun()) {
                return new Deleted(old, true);
            }
            if (Meta.hasFinalizers(old)) {
                if (Meta.deleting(old)) {
                    return new Deleted(old, false);
                }
                ObjectNode marked = old.deepCopy();
                Meta.of(marked).put("deletionTimestamp", Meta.now(clock)).put("deletionGracePeriodSeconds", 0);
                return new Deleted(store.put(key, marked), false);
            }
            cascade(t, key, old);
            return new Deleted(store.remove(key).orElse(old), true);
        }
    }

    private static void checkPreconditions(ResourceType t, StoreKey key, ObjectNode old, JsonNode options) {
        JsonNode pre = options == null ? null : options.path("preconditions");
        if (pre == null || pre.isMissingNode()) {
            return;
        }
        String uid = pre.path("uid").asString("");
        String actualUid = old.path("metadata").path("uid").asString("");
        if (!uid.isEmpty() && !uid.equals(actualUid)) {
            throw StatusError.conflict(t.groupResource(), key.name(),
                    "Precondition failed: UID in precondition: " + uid + ", UID in object meta: " + actualUid);
        }
        String rv = pre.path("resourceVersion").asString("");
        if (!rv.isEmpty() && !rv.equals(Meta.resourceVersion(old))) {
            throw StatusError.conflict(t.groupResource(), key.name(), "Precondition failed: ResourceVersion in precondition: "
                    + rv + ", ResourceVersion in object meta: " + Meta.resourceVersion(old));
        }
    }

    private void cascade(ResourceType t, StoreKey key, ObjectNode old) {
        if (t.group().isEmpty() && t.plural().equals("namespaces")) {
            store.keys(k -> k.namespace().equals(key.name())).forEach(store::remove);
        } else if (CrdLifecycle.isCrd(t)) {
            String group = CrdLifecycle.groupOf(old);
            String plural = old.path("spec").path("names").path("plural").asString();
            store.keys(k -> k.sameResource(group, plural)).forEach(store::remove);
            crds.unserve(old);
        }
    }
}
