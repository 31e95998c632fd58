package dev.ibu.agent.explain;

/** Bad input for a CLI command: one line that names the document and the field, and the fix. */
public final class InputError extends RuntimeException {
    public InputError(String message) {
        super(message);
    }
}
