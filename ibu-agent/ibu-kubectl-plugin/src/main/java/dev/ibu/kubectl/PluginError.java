package dev.ibu.kubectl;

/** A failure the user can act on: the message names the cause and the fix; printed without a stack trace. */
final class PluginError extends RuntimeException {
    PluginError(String message) {
        super(message, null, false, false);
    }
}
