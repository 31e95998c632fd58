package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.admission.CustomResourceAdmission;
import dev.ibu.apiserver.api.FieldError;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.registry.ResourceType;
import dev.ibu.apiserver.store.ObjectStore;
import dev.ibu.apiserver.store.StoreKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * The common end of every write: admission (pruning, defaults, schema, CEL for custom resources; name rules for all),
 * then persistence unless it is a dry run. Callers hold the store's monitor.
 */
final class Committer {
    private final ObjectStore store;
    private final CrdLifecycle crds;
    private final Clock clock;

    Committer(ObjectStore store, CrdLifecycle crds, Clock clock) {
        this.store = store;
        this.crds = crds;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** Admits the candidate (old is null on create) and stores it; returns what was stored (or would have been). */
    ObjectNode commit(ResourceType t, StoreKey key, ObjectNode candidate, ObjectNode old, List<FieldError> metaErrors,
                      WriteOptions options) {
        return commit(t, key, candidate, old, metaErrors, options, () -> { });
    }

    /**
     * As above, with {@code beforeStore} run once the candidate is admitted (decoded, pruned, validated) and before it
     * is stored or a dry run returns: where kube-apiserver's storage answers AlreadyExists, after the 400 of strict
     * decoding and the 422 of validation.
     */
    ObjectNode commit(ResourceType t, StoreKey key, ObjectNode candidate, ObjectNode old, List<FieldError> metaErrors,
                      WriteOptions options, Runnable beforeStore) {
        BuiltinDecoding.normalize(t, candidate);
        List<FieldError> errors = new ArrayList<>(metaErrors);
        if (t.custom().isPresent()) {
            CustomResourceAdmission admission = t.custom().get().admission();
            List<String> pruned = admission.pruneAndDefault(candidate);
            unknownFields(t, pruned, options);
            errors = admission.validate(candidate, old, metaErrors);
        }
        if (!errors.isEmpty()) {
            throw StatusError.invalid(t.groupKind(), key.name(), errors);
        }
        if (CrdLifecycle.isCrd(t)) {
            crds.admit(t, candidate, Meta.now(clock));
        }
        beforeStore.run();
        if (old != null && unchanged(old, candidate)) {
            return old;
        }
        if (options.dryRun()) {
            return candidate;
        }
        ObjectNode stored = store.put(key, candidate);
        if (CrdLifecycle.isCrd(t)) {
            crds.serve(stored);
        }
        return stored;
    }

    private static void unknownFields(ResourceType t, List<String> pruned, WriteOptions options) {
        if (pruned.isEmpty()) {
            return;
        }
        switch (options.fieldValidation()) {
            case "Strict" -> throw StatusError.badRequest(t.kind() + " in version \"" + t.version() + "\" cannot be handled as a "
                    + t.kind() + ": strict decoding error: "
                    + pruned.stream().map(p -> "unknown field \"" + p + "\"").collect(Collectors.joining(", ")));
            case "Ignore" -> {
            }
            default -> pruned.forEach(p -> options.warnings().add("unknown field \"" + p + "\""));
        }
    }

    /** A write that changes nothing stores nothing and sends no event (resourceVersion stays). */
    private static boolean unchanged(ObjectNode old, ObjectNode candidate) {
        ObjectNode a = old.deepCopy();
        ObjectNode b = candidate.deepCopy();
        for (ObjectNode o : List.of(a, b)) {
            o.remove("apiVersion");
            o.remove("kind");
            Meta.of(o).remove(List.of("resourceVersion", "managedFields"));
            if (o.path("metadata").path("finalizers").isEmpty()) {
                Meta.of(o).remove("finalizers");
            }
        }
        return a.equals(b);
    }
}
