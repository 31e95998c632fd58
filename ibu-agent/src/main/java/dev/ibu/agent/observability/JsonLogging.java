package dev.ibu.agent.observability;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.net.URL;

/**
 * {@code --log-format=json}: reconfigures logback from {@code logback-json.xml}: one JSON object per line on stderr
 * with the keys of controller-runtime's zap logger ({@link ZapJsonEncoder}), so every line of a reconcile carries
 * {@code "reconcileID": "<id>"}.
 */
public final class JsonLogging {
    public static final String RESOURCE = "logback-json.xml";

    /** The values {@code --log-format} accepts. */
    public enum Format { text, json }

    private JsonLogging() {
    }

    /** Applies {@code format}: json switches logback to {@link #RESOURCE}; text keeps the default logback.xml. */
    public static void apply(Format format) {
        if (format == Format.json) {
            useJson();
        }
    }

    /** Switches logback to {@link #RESOURCE}; an error names what is wrong (logback not the binding, bad file). */
    public static void useJson() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("--log-format=json needs logback as the slf4j binding, found "
                    + factory.getClass().getName() + ": use --log-format=text");
        }
        URL config = JsonLogging.class.getClassLoader().getResource(RESOURCE);
        if (config == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path: use --log-format=text");
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure JSON logging from " + config + ": " + e.getMessage()
                    + "; use --log-format=text", e);
        }
    }
}
