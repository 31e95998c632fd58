package dev.ibu.codec;

import dev.ibu.domain.ImageBasedUpgrade;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.ArrayList;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/**
 * Documents a person hands in ({@code oc get ibu -o yaml}): several per text, {@code List}s expanded. Stricter
 * than what the API server returns: a document must say its kind and which stage it asks for, because a guess
 * (Idle) would explain something the person did not write.
 */
final class Documents {
    private static final String STAGES = "one of Idle, Prep, Upgrade, Rollback";

    private Documents() {
    }

    static Either<CodecError, List<IbuDocument>> read(String text) {
        java.util.List<IbuDocument> out = new ArrayList<>();
        int index = 0;
        try (MappingIterator<JsonNode> it = Mappers.YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                index++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                read("document " + index, node, out);
            }
        } catch (JacksonException e) {
            return Either.left(new CodecError("document " + (index + 1) + ": not valid YAML or JSON"
                    + BindingErrors.where(e) + ": " + BindingErrors.firstLine(e)
                    + " (fix the syntax; `oc get ibu upgrade -o yaml > ibu.yaml` gives a valid file)"));
        } catch (Rejected r) {
            return Either.left(r.error());
        }
        if (out.isEmpty()) {
            return Either.left(new CodecError("the input holds no ImageBasedUpgrade document (expected the output "
                    + "of `oc get ibu upgrade -o yaml`)"));
        }
        return Either.right(List.ofAll(out));
    }

    private static void read(String label, JsonNode node, java.util.List<IbuDocument> out) {
        if (!node.isObject()) {
            throw new Rejected(label + ": expected a YAML/JSON object, got " + node.getNodeType());
        }
        JsonNode kind = node.path("kind");
        if (!kind.isString() || kind.asString().isEmpty()) {
            throw new Rejected(label + ": kind is missing; expected " + IbuCodec.KIND + " (apiVersion "
                    + IbuCodec.API_VERSION + ") or List");
        }
        if (kind.asString().endsWith("List")) {
            JsonNode items = node.path("items");
            if (!items.isArray()) {
                throw new Rejected(label + ": kind " + kind.asString() + " without an items array");
            }
            for (int i = 0; i < items.size(); i++) {
                read(label + ", items[" + i + "]", items.get(i), out);
            }
            return;
        }
        try {
            out.add(new IbuDocument(label, checked(node)));
        } catch (Rejected r) {
            throw new Rejected(r.error().in(label).message());
        }
    }

    private static ImageBasedUpgrade checked(JsonNode node) {
        ImageBasedUpgrade ibu = IbuCodec.decode(node);
        if (!node.path("spec").isObject()) {
            throw new Rejected("spec is missing; an ImageBasedUpgrade needs spec.stage (" + STAGES + ")");
        }
        JsonNode stage = node.path("spec").path("stage");
        if (stage.isMissingNode() || stage.isNull()) {
            throw new Rejected("spec.stage is missing; set it to " + STAGES);
        }
        return ibu;
    }
}
