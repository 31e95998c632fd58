package dev.ibu.codec;

import dev.ibu.codec.wire.CrCondition;
import dev.ibu.codec.wire.CrStage;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Jackson's binding failures said as the field path ({@code spec.seedImageRef.image}) and the fix. */
final class BindingErrors {
    private BindingErrors() {
    }

    static CodecError of(JacksonException e) {
        String field = field(e);
        if (e instanceof InvalidFormatException) {
            InvalidFormatException f = (InvalidFormatException) e;
            return new CodecError(badValue(field, f.getTargetType(), String.valueOf(f.getValue())));
        }
        if (e instanceof MismatchedInputException && ((MismatchedInputException) e).getTargetType() != null) {
            Class<?> type = ((MismatchedInputException) e).getTargetType();
            return new CodecError(field + " must be " + shape(type));
        }
        return new CodecError((field.isEmpty() ? "" : field + ": ") + firstLine(e));
    }

    private static String badValue(String field, Class<?> type, String value) {
        if (type == CrStage.class) {
            return field + " \"" + value + "\" is not a stage; use one of Idle, Prep, Upgrade, Rollback "
                    + "(case-sensitive)";
        }
        if (type == CrCondition.Status.class) {
            return field + " is \"" + value + "\"; use \"True\", \"False\" or \"Unknown\"";
        }
        if (type == OffsetDateTime.class) {
            return field + " \"" + value + "\" is not an RFC 3339 time; write it as e.g. 2024-01-01T09:00:00Z";
        }
        if (type.isEnum()) {
            return field + " \"" + value + "\" is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf).collect(Collectors.joining(", "));
        }
        return field + " \"" + value + "\" must be " + shape(type);
    }

    private static String shape(Class<?> type) {
        if (type == Long.class || type == long.class || type == BigInteger.class || type == Integer.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == OffsetDateTime.class) {
            return "an RFC 3339 time such as 2024-01-01T09:00:00Z";
        }
        if (type.isRecord()) {
            return "an object " + Arrays.stream(type.getRecordComponents()).map(c -> c.getName())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return java.util.Map.class.isAssignableFrom(type) ? "a map of strings" : "a " + type.getSimpleName();
    }

    /** {@code spec.oadpContent[1].name}: property names joined by dots, list indexes in brackets. */
    private static String field(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The first line of Jackson's own message, without the location and reference chain it appends. */
    static String firstLine(JacksonException e) {
        return String.valueOf(e.getOriginalMessage()).strip().lines().findFirst().orElse("");
    }

    /** " at line L, column C", or nothing when Jackson knows no location. */
    static String where(JacksonException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }
}
