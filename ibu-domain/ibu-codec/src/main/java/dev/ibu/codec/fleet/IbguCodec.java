package dev.ibu.codec.fleet;

import dev.ibu.codec.CodecError;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import io.vavr.control.Either;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The ImageBasedGroupUpgrade ({@code lcm.openshift.io/v1alpha1}) to and from the domain. TALM's manifests are read
 * as they are; errors name the field and the fix. The plan's admission rules are {@code PlanRules}', not the
 * codec's.
 */
public final class IbguCodec {
    public static final String API_VERSION = "lcm.openshift.io/v1alpha1";
    public static final String KIND = "ImageBasedGroupUpgrade";

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();

    private IbguCodec() {
    }

    /** One IBGU from YAML or JSON (JSON is YAML). */
    public static Either<CodecError, ImageBasedGroupUpgrade> fromYaml(String text) {
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JacksonException e) {
            return Either.left(new CodecError("not valid YAML: " + e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            return Either.left(new CodecError("no ImageBasedGroupUpgrade object in the text"));
        }
        String kind = node.path("kind").asString("");
        if (!kind.isEmpty() && !KIND.equals(kind)) {
            return Either.left(new CodecError("kind is \"" + kind + "\", expected " + KIND + " (apiVersion "
                    + API_VERSION + ")"));
        }
        String apiVersion = node.path("apiVersion").asString("");
        if (!apiVersion.isEmpty() && !API_VERSION.equals(apiVersion)) {
            return Either.left(new CodecError("apiVersion is \"" + apiVersion + "\", expected " + API_VERSION));
        }
        IbguObject o;
        try {
            o = JSON.treeToValue(node, IbguObject.class);
        } catch (JacksonException e) {
            return Either.left(new CodecError("cannot read the ImageBasedGroupUpgrade: " + e.getOriginalMessage()));
        }
        try {
            return IbguDecoder.object(o);
        } catch (IbguDecoder.Refused r) {
            return Either.left(new CodecError(r.getMessage()));
        }
    }

    public static String toYaml(ImageBasedGroupUpgrade ibgu) {
        return YAML.writeValueAsString(IbguEncoder.object(ibgu));
    }

    public static String toJson(ImageBasedGroupUpgrade ibgu) {
        return JSON.writeValueAsString(IbguEncoder.object(ibgu));
    }
}
