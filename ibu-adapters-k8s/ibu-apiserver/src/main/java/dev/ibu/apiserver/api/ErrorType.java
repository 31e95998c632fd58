package dev.ibu.apiserver.api;

/** apimachinery's field.ErrorType: the cause type sent to clients and the words printed before the detail. */
public enum ErrorType {
    NOT_FOUND("FieldValueNotFound", "Not found"),
    REQUIRED("FieldValueRequired", "Required value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    INTERNAL("InternalError", "Internal error"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value");

    private final String causeType;
    private final String words;

    ErrorType(String causeType, String words) {
        this.causeType = causeType;
        this.words = words;
    }

    public String causeType() {
        return causeType;
    }

    public String words() {
        return words;
    }

    /** Types whose printed form never shows the bad value (apimachinery's ErrorBody). */
    boolean hidesValue() {
        return this == REQUIRED || this == FORBIDDEN || this == TOO_LONG || this == INTERNAL;
    }
}
