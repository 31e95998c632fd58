package dev.ibu.apiserver.rest;

import dev.ibu.apiserver.api.FieldError;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.json.Json;
import dev.ibu.apiserver.registry.CrdDefinitions;
import dev.ibu.apiserver.registry.ResourceRegistry;
import dev.ibu.apiserver.registry.ResourceType;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** What the apiextensions controllers do when a CRD is written: check it compiles, serve it, report it established. */
final class CrdLifecycle {
    static final String GROUP = "apiextensions.k8s.io";
    private final ResourceRegistry registry;

    CrdLifecycle(ResourceRegistry registry) {
        this.registry = registry;
    }

    static boolean isCrd(ResourceType t) {
        return t.group().equals(GROUP) && t.plural().equals("customresourcedefinitions");
    }

    /** Refuses a CRD whose schema or rules do not compile; sets the status a real server's controllers would. */
    void admit(ResourceType t, ObjectNode crd, String now) {
        try {
            CrdDefinitions.typesOf(crd);
        } catch (IllegalArgumentException e) {
            throw StatusError.invalid(t.groupKind(), Meta.name(crd), List.of(FieldError.invalid(
                    "spec.validation.openAPIV3Schema", FieldError.OMIT, e.getMessage())));
        }
        ObjectNode status = crd.putObject("status");
        status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
        ArrayNode conditions = status.putArray("conditions");
        conditions.addObject().put("type", "NamesAccepted").put("status", "True").put("reason", "NoConflicts")
                .put("message", "no conflicts found").put("lastTransitionTime", now);
        conditions.addObject().put("type", "Established").put("status", "True").put("reason", "InitialNamesAccepted")
                .put("message", "the initial names have been accepted").put("lastTransitionTime", now);
        ArrayNode stored = status.putArray("storedVersions");
        crd.path("spec").path("versions").forEach(v -> {
            if (v.path("storage").asBoolean(false)) {
                stored.add(v.path("name").asString());
            }
        });
    }

    void serve(ObjectNode crd) {
        List<ResourceType> types = CrdDefinitions.typesOf(crd);
        if (!types.isEmpty()) {
            registry.define(types.get(0).group(), types.get(0).plural(), types);
        }
    }

    void unserve(ObjectNode crd) {
        registry.undefine(crd.path("spec").path("group").asString(), crd.path("spec").path("names").path("plural").asString());
    }

    static String groupOf(ObjectNode crd) {
        return Json.text(crd, "spec", "group").orElse("");
    }
}
