package dev.ibu.codec;

import dev.ibu.codec.wire.IbuObject;
import dev.ibu.domain.ImageBasedUpgrade;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The one codec of the ImageBasedUpgrade CR ({@code lca.openshift.io/v1}): the whole object (apiVersion, kind,
 * metadata, spec, status) to and from the domain. The k8s adapter sends what {@link #toJson} returns, the host
 * state store saves the same text as {@code ibu.json}, and {@code explain} reads {@code oc get ibu -o yaml} through
 * {@link #readDocuments}, so the three can never drift apart.
 */
public final class IbuCodec {
    public static final String API_VERSION = "lca.openshift.io/v1";
    public static final String KIND = "ImageBasedUpgrade";

    private IbuCodec() {
    }

    /** The CR as compact JSON, fields in upstream's order, annotations sorted: equal IBUs give equal bytes. */
    public static String toJson(ImageBasedUpgrade ibu) {
        return Mappers.JSON.writeValueAsString(Encoder.object(ibu));
    }

    /** The CR as YAML, as {@code oc get ibu upgrade -o yaml} prints it (without the server's own fields). */
    public static String toYaml(ImageBasedUpgrade ibu) {
        return Mappers.YAML.writeValueAsString(Encoder.object(ibu));
    }

    /** One CR from JSON (as the API server returns it, or {@code ibu.json}); unknown fields are ignored. */
    public static Either<CodecError, ImageBasedUpgrade> fromJson(String json) {
        JsonNode node;
        try {
            node = Mappers.JSON.readTree(json);
        } catch (JacksonException e) {
            return Either.left(new CodecError("not valid JSON" + BindingErrors.where(e) + ": "
                    + BindingErrors.firstLine(e)));
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Either.left(new CodecError("no JSON object: the text is empty"));
        }
        try {
            return Either.right(decode(node));
        } catch (Rejected r) {
            return Either.left(r.error());
        }
    }

    /**
     * Every ImageBasedUpgrade of a text as {@code oc get ibu -o yaml} (or {@code -o json}) prints it: several
     * documents separated by {@code ---}, {@code kind: List} with {@code items}, or both. The first problem is
     * returned, naming the document and the field.
     */
    public static Either<CodecError, List<IbuDocument>> readDocuments(String text) {
        return Documents.read(text);
    }

    static ImageBasedUpgrade decode(JsonNode node) {
        if (!node.isObject()) {
            throw new Rejected("expected a YAML/JSON object, got " + node.getNodeType());
        }
        Decoder.requireType(text(node, "kind"), text(node, "apiVersion"));
        IbuObject wire;
        try {
            wire = Mappers.JSON.treeToValue(node, IbuObject.class);
        } catch (JacksonException e) {
            throw new Rejected(BindingErrors.of(e).message());
        }
        return Decoder.object(wire);
    }

    private static Option<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? Option.none() : Option.some(v.asString());
    }
}
