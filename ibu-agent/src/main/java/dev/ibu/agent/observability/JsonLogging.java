package dev.ibu.agent.observability;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-format=json}: switches logback to one JSON object per line on stderr with the keys of
 * controller-runtime's zap logger ({@link ZapJsonEncoder}, set up by {@link LogSetup#json}), so every line of a
 * reconcile carries {@code "reconcileID": "<id>"}.
 */
public final class JsonLogging {
    /** The values {@code --log-format} accepts. */
    public enum Format { text, json }

    private JsonLogging() {
    }

    /** Applies {@code format}: json switches logback to JSON lines; text keeps the default ({@link LogSetup}). */
    public static void apply(Format format) {
        if (format == Format.json) {
            useJson();
        }
    }

    /** Switches logback to JSON lines; an error names what is wrong (logback not the binding). */
    public static void useJson() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("--log-format=json needs logback as the slf4j binding, found "
                    + factory.getClass().getName() + ": use --log-format=text");
        }
        LogSetup.json(context);
    }
}
