package dev.ibu.agent.ops;

/** A problem with the command's input or environment; the message names the option and the fix (exit code 2). */
final class OpsError extends RuntimeException {
    OpsError(String message) {
        super(message);
    }
}
