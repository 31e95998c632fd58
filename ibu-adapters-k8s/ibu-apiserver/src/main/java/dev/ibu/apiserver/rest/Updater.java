package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.api.FieldError;
import dev.ibu.apiserver.api.GoSyntax;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.registry.ResourceType;
import dev.ibu.apiserver.store.ObjectStore;
import dev.ibu.apiserver.store.StoreKey;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PUT and PATCH of an object or of its status subresource: optimistic concurrency on resourceVersion (409 Conflict),
 * main-resource writes keep the stored status, status writes keep everything but status, generation bumps on
 * content changes, a no-op write stores nothing, and the last finalizer removed from a deleted object deletes it.
 */
final class Updater {
    private static final List<String> SYSTEM_FIELDS = List.of("uid", "creationTimestamp", "namespace", "name", "generation",
            "deletionTimestamp", "deletionGracePeriodSeconds");
    private final ObjectStore store;
    private final Committer committer;

    Updater(ObjectStore store, Committer committer) {
        this.store = store;
        this.committer = committer;
    }

    ObjectNode update(ResourceType t, StoreKey key, JsonNode body, boolean status, WriteOptions options) {
        ObjectNode obj = RequestBody.object(t, body);
        String bodyName = Meta.name(obj);
        if (!bodyName.isEmpty() && !bodyName.equals(key.name())) {
            throw StatusError.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" + key.name() + ")");
        }
        String bodyNamespace = Meta.namespace(obj);
        if (t.namespaced() && !bodyNamespace.isEmpty() && !bodyNamespace.equals(key.namespace())) {
            throw StatusError.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        synchronized (store) {
            ObjectNode old = current(t, key);
            String rv = Meta.resourceVersion(obj);
            if (rv.isEmpty() && t.requiresResourceVersionOnUpdate()) {
                throw StatusError.invalid(t.groupKind(), key.name(), List.of(
                        FieldError.invalid("metadata.resourceVersion", new GoSyntax("0x0"), "must be specified for an update")));
            }
            if (!rv.isEmpty() && !rv.equals(Meta.resourceVersion(old))) {
                throw StatusError.staleResourceVersion(t.groupResource(), key.name());
            }
            return write(t, key, old, obj, status, options);
        }
    }

    ObjectNode patch(ResourceType t, StoreKey key, String contentType, byte[] body, boolean status, WriteOptions options) {
        synchronized (store) {
            ObjectNode old = current(t, key);
            ObjectNode patched = Patches.apply(t, contentType, body, old);
            String rv = Meta.resourceVersion(patched);
            if (!rv.isEmpty() && !rv.equals(Meta.resourceVersion(old))) {
                throw StatusError.staleResourceVersion(t.groupResource(), key.name());
            }
            BuiltinDecoding.check(t, patched);
            return write(t, key, old, patched, status, options);
        }
    }

    private ObjectNode current(ResourceType t, StoreKey key) {
        return store.get(key).orElseThrow(() -> StatusError.notFound(t.groupResource(), key.name()));
    }

    private ObjectNode write(ResourceType t, StoreKey key, ObjectNode old, ObjectNode obj, boolean status, WriteOptions options) {
        ObjectNode candidate = status ? statusOnly(old, obj) : keepSystemFields(t, old, obj);
        List<FieldError> metaErrors = new ArrayList<>(finalizerErrors(old, candidate));
        bumpGeneration(t, old, candidate);
        ObjectNode stored = committer.commit(t, key, candidate, old, metaErrors, options);
        if (!options.dryRun() && Meta.deleting(stored) && !Meta.hasFinalizers(stored)) {
            return store.remove(key).orElse(stored);
        }
        return stored;
    }

    private static ObjectNode statusOnly(ObjectNode old, ObjectNode obj) {
        ObjectNode candidate = old.deepCopy();
        if (obj.has("status")) {
            candidate.set("status", obj.get("status").deepCopy());
        } else {
            candidate.remove("status");
        }
        return candidate;
    }

    private static ObjectNode keepSystemFields(ResourceType t, ObjectNode old, ObjectNode obj) {
        ObjectNode candidate = obj.deepCopy();
        ObjectNode meta = Meta.of(candidate);
        JsonNode oldMeta = old.get("metadata");
        for (String field : SYSTEM_FIELDS) {
            if (oldMeta.has(field)) {
                meta.set(field, oldMeta.get(field).deepCopy());
            } else {
                meta.remove(field);
            }
        }
        meta.put("resourceVersion", Meta.resourceVersion(old));
        meta.remove("managedFields");
        if (t.statusSubresource() && (t.custom().isPresent() || CrdLifecycle.isCrd(t))) {
            if (old.has("status")) {
                candidate.set("status", old.get("status").deepCopy());
            } else {
                candidate.remove("status");
            }
        }
        return candidate;
    }

    private static List<FieldError> finalizerErrors(ObjectNode old, ObjectNode candidate) {
        if (!Meta.deleting(old)) {
            return List.of();
        }
        List<String> before = new ArrayList<>();
        old.path("metadata").path("finalizers").forEach(f -> before.add(f.asString()));
        List<String> added = new ArrayList<>();
        candidate.path("metadata").path("finalizers").forEach(f -> {
            if (!before.contains(f.asString())) {
                added.add(f.asString());
            }
        });
        if (added.isEmpty()) {
            return List.of();
        }
        StringBuilder go = new StringBuilder("[]string{");
        for (int i = 0; i < added.size(); i++) {
            go.append(i > 0 ? ", " : "").append('"').append(added.get(i)).append('"');
        }
        return List.of(FieldError.forbidden("metadata.finalizers",
                "no new finalizers can be added if the object is being deleted, found new finalizers " + go + "}"));
    }

    /** Custom resources bump on any change outside metadata (and outside status when status is a subresource). */
    private static void bumpGeneration(ResourceType t, ObjectNode old, ObjectNode candidate) {
        if (!t.generation()) {
            return;
        }
        boolean changed = !Meta.content(old, t.statusSubresource()).equals(Meta.content(candidate, t.statusSubresource()));
        long generation = old.path("metadata").path("generation").asLong(1);
        Meta.of(candidate).put("generation", changed ? generation + 1 : generation);
    }
}
