package dev.ibu.agent.controller;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vavr.control.Either;
import tools.jackson.core.JacksonException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an ImageBasedUpgrade leniently: the informers watch it as a {@link GenericKubernetesResource} (any JSON object
 * decodes), and each object is then converted here. An object Java cannot read (a field of an unexpected type, a
 * value newer than this agent) becomes an {@link Unreadable} naming the field and the value, instead of an exception
 * that would stop fabric8's informer for good ({@code watch failed ... will stop}).
 */
public final class IbuDecoding {
    /** The IBU kind for {@code client.genericKubernetesResources(...)}. */
    public static final ResourceDefinitionContext KIND = ResourceDefinitionContext.fromResourceType(
            ImageBasedUpgradeResource.class);

    private IbuDecoding() {
    }

    /** Why an object could not be read: the JSON path of the field ("" when unknown), its value, the reason. */
    public record Unreadable(String field, String value, String reason) {
        /** A message for a log line or an Event: what, where, and the fix. */
        public String message(String resourceVersion) {
            String where = field.isEmpty() ? "the ImageBasedUpgrade" : field;
            return "cannot read ImageBasedUpgrade " + ImageBasedUpgradeResource.NAME + " (resourceVersion "
                    + resourceVersion + "): " + where + (value.isEmpty() ? "" : " = " + value) + ": " + reason
                    + "; fix it with 'kubectl edit ibu " + ImageBasedUpgradeResource.NAME + "' (see 'ibu-agent crd' "
                    + "for the schema); the agent keeps watching and reconciles once it can read it";
        }
    }

    public static Either<Unreadable, ImageBasedUpgradeResource> decode(KubernetesSerialization serialization,
            GenericKubernetesResource raw) {
        try {
            return Either.right(serialization.convertValue(raw, ImageBasedUpgradeResource.class));
        } catch (RuntimeException e) {
            return Either.left(unreadable(raw, e));
        }
    }

    static Unreadable unreadable(GenericKubernetesResource raw, RuntimeException e) {
        JacksonException jackson = jacksonCause(e);
        if (jackson == null) {
            return new Unreadable("", "", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        List<Object> path = new ArrayList<>();
        for (JacksonException.Reference r : jackson.getPath()) {
            path.add(r.getPropertyName() != null ? r.getPropertyName() : r.getIndex());
        }
        String reason = jackson.getOriginalMessage() == null ? jackson.getClass().getSimpleName()
                : firstLine(jackson.getOriginalMessage());
        return new Unreadable(jsonPath(path), valueAt(raw, path), reason);
    }

    private static JacksonException jacksonCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof JacksonException) {
                return (JacksonException) c;
            }
        }
        return null;
    }

    static String jsonPath(List<Object> path) {
        StringBuilder b = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer) {
                b.append('[').append(p).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(p);
            }
        }
        return b.toString();
    }

    /** The value at {@code path} in the raw object, as JSON, cut to 200 characters; "" when absent. */
    private static String valueAt(GenericKubernetesResource raw, List<Object> path) {
        if (path.isEmpty()) {
            return "";
        }
        Object v;
        try {
            v = raw.get(path.toArray());
        } catch (RuntimeException e) {
            return "";
        }
        if (v == null && !"metadata".equals(path.get(0))) {
            return "";
        }
        String json = v instanceof String ? "\"" + v + "\"" : v instanceof Map || v instanceof List
                ? io.fabric8.kubernetes.client.utils.Serialization.asJson(v) : String.valueOf(v);
        return json.length() <= 200 ? json : json.substring(0, 197) + "...";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
