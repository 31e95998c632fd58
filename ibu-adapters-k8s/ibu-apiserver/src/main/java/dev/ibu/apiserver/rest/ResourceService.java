package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.api.FieldError;
import dev.ibu.apiserver.api.GroupResource;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.json.Json;
import dev.ibu.apiserver.registry.ResourceRegistry;
import dev.ibu.apiserver.registry.ResourceType;
import dev.ibu.apiserver.store.ObjectStore;
import dev.ibu.apiserver.store.StoreKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The REST verbs on resources, with the API server's semantics. Updates, patches and deletes: {@link Updater}, {@link Deleter}. */
public final class ResourceService {
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private final ObjectStore store;
    private final Committer committer;
    private final Updater updater;
    private final Deleter deleter;
    private final SecureRandom random = new SecureRandom();

    public ResourceService(ObjectStore store, ResourceRegistry registry, Clock clock) {
        this.store = store;
        CrdLifecycle crds = new CrdLifecycle(registry);
        this.committer = new Committer(store, crds, clock);
        this.updater = new Updater(store, committer);
        this.deleter = new Deleter(store, registry, crds);
    }

    static StoreKey key(ResourceType t, String namespace, String name) {
        return new StoreKey(t.group(), t.plural(), t.namespaced() ? namespace : "", name);
    }

    /** The object as served in the requested version: apiVersion and kind set, no namespace when cluster-scoped. */
    public static ObjectNode present(ResourceType t, ObjectNode stored) {
        ObjectNode out = Json.object();
        out.put("apiVersion", t.apiVersion()).put("kind", t.kind());
        stored.properties().forEach(e -> {
            if (!e.getKey().equals("apiVersion") && !e.getKey().equals("kind")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        if (!t.namespaced()) {
            Meta.of(out).remove("namespace");
        }
        return out;
    }

    public ObjectNode get(ResourceType t, String namespace, String name) {
        return present(t, store.get(key(t, namespace, name)).orElseThrow(() -> StatusError.notFound(t.groupResource(), name)));
    }

    public ObjectNode list(ResourceType t, String namespace, ListOptions options) {
        LabelSelector labels = LabelSelector.parse(options.labelSelector());
        FieldSelector fields = FieldSelector.parse(options.fieldSelector(), t.plural());
        long revision;
        List<ObjectNode> matching = new ArrayList<>();
        synchronized (store) {
            revision = store.revision();
            for (ObjectNode o : store.list(t.group(), t.plural(), t.namespaced() ? emptyToNull(namespace) : null)) {
                if (labels.matches(o) && fields.matches(o)) {
                    matching.add(o);
                }
            }
        }
        return Paging.page(t, matching, options, revision);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public ObjectNode create(ResourceType t, String namespace, JsonNode body, WriteOptions options) {
        ObjectNode obj = RequestBody.object(t, body);
        ObjectNode meta = Meta.of(obj);
        placeInNamespace(t, namespace, meta);
        String name = meta.path("name").asString("");
        if (name.isEmpty() && !meta.path("generateName").asString("").isEmpty()) {
            name = meta.path("generateName").asString() + randomSuffix();
            meta.put("name", name);
        }
        if (name.isEmpty()) {
            throw StatusError.invalid(t.groupKind(), "", List.of(FieldError.required("metadata.name", "name or generateName is required")));
        }
        List<FieldError> metaErrors = NameValidation.validate(name, NameValidation.ruleFor(t.group(), t.plural()));
        synchronized (store) {
            if (t.namespaced() && store.get(new StoreKey("", "namespaces", "", namespace)).isEmpty()) {
                throw StatusError.notFound(new GroupResource("", "namespaces"), namespace);
            }
            StoreKey key = key(t, namespace, name);
            boolean exists = store.get(key).isPresent();
            resetSystemFields(t, obj, meta);
            String taken = name;
            // as kube-apiserver: a body that does not decode (400) or validate (422) is refused before storage finds
            // the name taken (409)
            return present(t, committer.commit(t, key, obj, null, metaErrors, options, () -> {
                if (exists) {
                    throw StatusError.alreadyExists(t.groupResource(), taken);
                }
            }));
        }
    }

    private static void placeInNamespace(ResourceType t, String namespace, ObjectNode meta) {
        if (!t.namespaced()) {
            meta.remove("namespace");
            return;
        }
        String given = meta.path("namespace").asString("");
        if (!given.isEmpty() && !given.equals(namespace)) {
            throw StatusError.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        meta.put("namespace", namespace);
    }

    private void resetSystemFields(ResourceType t, ObjectNode obj, ObjectNode meta) {
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", Meta.now(committer.clock()));
        meta.remove(List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink"));
        if (t.generation()) {
            meta.put("generation", 1);
        } else {
            meta.remove("generation");
        }
        if (t.statusSubresource() && (t.custom().isPresent() || CrdLifecycle.isCrd(t))) {
            obj.remove("status");
        }
    }

    private String randomSuffix() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            b.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return b.toString();
    }

    public ObjectNode update(ResourceType t, String namespace, String name, JsonNode body, boolean status, WriteOptions options) {
        return present(t, updater.update(t, key(t, namespace, name), body, status, options));
    }

    public ObjectNode patch(ResourceType t, String namespace, String name, String contentType, byte[] patch, boolean status,
                            WriteOptions options) {
        return present(t, updater.patch(t, key(t, namespace, name), contentType, patch, status, options));
    }

    /** The object deleted (or marked for deletion while finalizers remain: then {@code immediate} is false). */
    public Deleter.Deleted delete(ResourceType t, String namespace, String name, JsonNode deleteOptions, WriteOptions options) {
        Deleter.Deleted d = deleter.delete(t, key(t, namespace, name), deleteOptions, options);
        return new Deleter.Deleted(present(t, d.object()), d.immediate());
    }

    public ObjectNode deleteCollection(ResourceType t, String namespace, ListOptions listOptions, WriteOptions options) {
        ObjectNode list = list(t, namespace, new ListOptions(listOptions.labelSelector(), listOptions.fieldSelector(), 0, null));
        ArrayNode deleted = Json.array();
        for (JsonNode item : list.path("items")) {
            deleted.add(delete(t, Meta.namespace(item), Meta.name(item), null, options).object());
        }
        list.set("items", deleted);
        return list;
    }

    static String encodeContinue(String namespace, String name) {
        return Base64.getUrlEncoder().encodeToString((namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
    }
}
