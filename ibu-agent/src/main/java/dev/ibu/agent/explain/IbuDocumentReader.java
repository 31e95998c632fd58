package dev.ibu.agent.explain;

import dev.ibu.domain.AutoRollbackOnFailure;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.Status;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Map;

/**
 * Reads ImageBasedUpgrade documents as {@code oc get ibu -o yaml} (or {@code -o json}) prints them. Conditions are
 * taken as the cluster holds them; structure and stage names are checked, with errors that name the document and
 * the field.
 */
public final class IbuDocumentReader {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** One parsed document, labelled for messages ("document 2", or "document 1, items[3]"). */
    public record Document(String label, ImageBasedUpgrade ibu) {
    }

    public List<Document> read(String text) {
        java.util.List<Document> out = new ArrayList<>();
        int index = 0;
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                index++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                readDocument("document " + index, node, out);
            }
        } catch (JacksonException e) {
            String first = String.valueOf(e.getOriginalMessage()).strip().lines().findFirst().orElse("");
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new InputError("document " + (index + 1) + ": not valid YAML or JSON" + where + ": " + first
                    + " (fix the syntax; `oc get ibu upgrade -o yaml > ibu.yaml` gives a valid file)");
        }
        if (out.isEmpty()) {
            throw new InputError("the input holds no ImageBasedUpgrade document (expected the output of "
                    + "`oc get ibu upgrade -o yaml`)");
        }
        return List.ofAll(out);
    }

    private void readDocument(String label, JsonNode node, java.util.List<Document> out) {
        if (!node.isObject()) {
            throw new InputError(label + ": expected a YAML/JSON object, got " + node.getNodeType());
        }
        String kind = text(node, "kind", label);
        if ("List".equals(kind) || kind.endsWith("List")) {
            JsonNode items = node.path("items");
            if (!items.isArray()) {
                throw new InputError(label + ": kind " + kind + " without an items array");
            }
            for (int i = 0; i < items.size(); i++) {
                readDocument(label + ", items[" + i + "]", items.get(i), out);
            }
            return;
        }
        if (!"ImageBasedUpgrade".equals(kind)) {
            throw new InputError(label + ": kind is \"" + kind + "\", expected ImageBasedUpgrade "
                    + "(apiVersion lca.openshift.io/v1)");
        }
        String apiVersion = text(node, "apiVersion", label);
        if (!apiVersion.isEmpty() && !"lca.openshift.io/v1".equals(apiVersion)) {
            throw new InputError(label + ": apiVersion is \"" + apiVersion + "\", expected lca.openshift.io/v1");
        }
        out.add(new Document(label, new ImageBasedUpgrade(metadata(node.path("metadata"), label),
                spec(node.path("spec"), label), status(node.path("status"), label))));
    }

    private Metadata metadata(JsonNode m, String label) {
        String name = m.path("name").isMissingNode() ? Metadata.SINGLETON_NAME : text(m, "name", label + ": metadata");
        long generation = m.path("generation").isMissingNode() ? 1 : number(m.path("generation"),
                label + ": metadata.generation");
        LinkedHashMap<String, String> annotations = LinkedHashMap.empty();
        JsonNode a = m.path("annotations");
        if (a.isObject()) {
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                annotations = annotations.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asString());
            }
        }
        return new Metadata(name, generation, text(m, "resourceVersion", label), annotations);
    }

    private Spec spec(JsonNode s, String label) {
        if (!s.isObject()) {
            throw new InputError(label + ": spec is missing; an ImageBasedUpgrade needs spec.stage "
                    + "(one of Idle, Prep, Upgrade, Rollback)");
        }
        JsonNode stageNode = s.path("stage");
        if (stageNode.isMissingNode() || stageNode.isNull()) {
            throw new InputError(label + ": spec.stage is missing; set it to one of Idle, Prep, Upgrade, Rollback");
        }
        String stageName = stageNode.asString();
        Stage stage = Stage.parse(stageName).getOrElseThrow(() -> new InputError(label + ": spec.stage \""
                + stageName + "\" is not a stage; use one of Idle, Prep, Upgrade, Rollback (case-sensitive)"));
        JsonNode seed = s.path("seedImageRef");
        JsonNode secret = seed.path("pullSecretRef").path("name");
        SeedImageRef ref = new SeedImageRef(seed.path("version").asString(""), seed.path("image").asString(""),
                secret.isMissingNode() || secret.isNull() ? Option.none() : Option.some(secret.asString()));
        JsonNode arb = s.path("autoRollbackOnFailure");
        Option<AutoRollbackOnFailure> auto = Option.none();
        if (arb.isObject()) {
            long t = arb.path("initMonitorTimeoutSeconds").isMissingNode() ? 0
                    : number(arb.path("initMonitorTimeoutSeconds"),
                    label + ": spec.autoRollbackOnFailure.initMonitorTimeoutSeconds");
            if (t < 0) {
                throw new InputError(label + ": spec.autoRollbackOnFailure.initMonitorTimeoutSeconds is " + t
                        + "; it must be >= 0 (0 or absent means 1800)");
            }
            auto = Option.some(new AutoRollbackOnFailure(t));
        }
        return new Spec(stage, ref, refs(s.path("oadpContent"), label + ": spec.oadpContent"),
                refs(s.path("extraManifests"), label + ": spec.extraManifests"), auto);
    }

    private List<ConfigMapRef> refs(JsonNode arr, String field) {
        if (arr.isMissingNode() || arr.isNull()) {
            return List.empty();
        }
        if (!arr.isArray()) {
            throw new InputError(field + " must be a list of {name, namespace}");
        }
        java.util.List<ConfigMapRef> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode n = arr.get(i);
            String name = n.path("name").asString("");
            String ns = n.path("namespace").asString("");
            if (name.isEmpty() || ns.isEmpty()) {
                throw new InputError(field + "[" + i + "] needs both name and namespace");
            }
            out.add(new ConfigMapRef(name, ns));
        }
        return List.ofAll(out);
    }

    private Status status(JsonNode st, String label) {
        if (st.isMissingNode() || st.isNull()) {
            return Status.EMPTY;
        }
        java.util.List<Condition> conditions = new ArrayList<>();
        JsonNode cs = st.path("conditions");
        for (int i = 0; cs.isArray() && i < cs.size(); i++) {
            conditions.add(condition(cs.get(i), label + ": status.conditions[" + i + "]"));
        }
        long og = st.path("observedGeneration").isMissingNode() ? 0
                : number(st.path("observedGeneration"), label + ": status.observedGeneration");
        return new Status(og, Conditions.of(conditions), List.empty(), Option.none(), List.empty());
    }

    private Condition condition(JsonNode c, String field) {
        String type = c.path("type").asString("");
        if (type.isEmpty()) {
            throw new InputError(field + ".type is missing");
        }
        String statusText = c.path("status").asString("");
        ConditionStatus status = ConditionStatus.parse(statusText).getOrElseThrow(() -> new InputError(field
                + ".status is \"" + statusText + "\"; use \"True\", \"False\" or \"Unknown\""));
        Instant ltt = Instant.EPOCH;
        String t = c.path("lastTransitionTime").asString("");
        if (!t.isEmpty()) {
            try {
                ltt = Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new InputError(field + ".lastTransitionTime \"" + t + "\" is not an RFC 3339 time");
            }
        }
        long og = c.path("observedGeneration").isMissingNode() ? 0
                : number(c.path("observedGeneration"), field + ".observedGeneration");
        return new Condition(type, status, c.path("reason").asString(""), c.path("message").asString(""), og, ltt);
    }

    private static String text(JsonNode n, String field, String label) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return "";
        }
        if (!v.isValueNode()) {
            throw new InputError(label + ": " + field + " must be a string");
        }
        return v.asString();
    }

    private static long number(JsonNode v, String field) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isString()) {
            try {
                return Long.parseLong(v.asString());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new InputError(field + " must be an integer, got " + v);
    }
}
