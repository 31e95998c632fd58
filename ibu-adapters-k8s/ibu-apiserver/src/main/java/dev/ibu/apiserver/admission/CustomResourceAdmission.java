package dev.ibu.apiserver.admission;

import dev.ibu.apiserver.api.ErrorType;
import dev.ibu.apiserver.api.FieldError;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Admission of one custom resource version from its CRD alone, in the API server's order: prune unknown fields,
 * apply defaults, validate the structural schema, then evaluate the CEL rules unless a blocking schema error was
 * found (then one extra error says the rules were not checked, as apiextensions-apiserver does).
 */
public final class CustomResourceAdmission {
    private static final Set<ErrorType> BLOCKING = EnumSet.of(ErrorType.NOT_SUPPORTED, ErrorType.REQUIRED,
            ErrorType.TOO_LONG, ErrorType.TOO_MANY, ErrorType.TYPE_INVALID);
    private static final String NOT_CHECKED = "some validation rules were not checked because the object was invalid; "
            + "correct the existing errors to complete validation";

    private final JsonNode schema;
    private final SchemaValidation validation;
    private final CelValidation cel;

    private CustomResourceAdmission(JsonNode schema) {
        this.schema = schema;
        this.validation = new SchemaValidation(schema);
        this.cel = new CelValidation(schema);
    }

    /**
     * Compiles the schema and its rules.
     *
     * @throws IllegalArgumentException naming the rule that does not compile
     */
    public static CustomResourceAdmission compile(JsonNode openApiV3Schema) {
        return new CustomResourceAdmission(openApiV3Schema);
    }

    /** Prunes unknown fields and applies defaults in place; returns the pruned paths. */
    public List<String> pruneAndDefault(ObjectNode object) {
        List<String> pruned = Pruner.prune(object, schema);
        Defaulter.apply(object, schema);
        return pruned;
    }

    /**
     * @param old           the stored object on update, null on create
     * @param metadataErrors errors the server's ObjectMeta validation already found (they come first)
     */
    public List<FieldError> validate(ObjectNode object, ObjectNode old, List<FieldError> metadataErrors) {
        List<FieldError> errors = new ArrayList<>(metadataErrors);
        errors.addAll(validation.validate(object));
        if (cel.hasRules()) {
            if (errors.stream().anyMatch(e -> BLOCKING.contains(e.type()))) {
                errors.add(FieldError.invalid(null, FieldError.NULL, NOT_CHECKED));
            } else {
                errors.addAll(cel.validate(object, old));
            }
        }
        return errors;
    }
}
