package dev.ibu.agent.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The agent's logging, set up in code rather than from XML (logback finds it through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}): logback's XML configurator loads about 600
 * classes (its model, the JDK's XML parser) and parses the file on every start; without it the agent starts faster
 * and holds less class metadata (.ci/bench.d/30-agent.sh). Text: one line per event on stderr with the reconcile id
 * (MDC key {@code reconcile}); json: {@link ZapJsonEncoder}. Command output goes to stdout. A
 * {@code -Dlogback.configurationFile} or a {@code logback-test.xml} on the class path still wins (tests, debugging).
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level [%X{reconcile:-}] %logger{24} - %msg%n";
    private static final String[] QUIET = {"io.fabric8", "io.vertx", "io.netty"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        text(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Text lines on stderr (the default). */
    public static void text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        install(context, encoder, "STDERR");
    }

    /** One JSON object per line on stderr with zap's keys. */
    public static void json(LoggerContext context) {
        ZapJsonEncoder encoder = new ZapJsonEncoder();
        encoder.setContext(context);
        encoder.setIncludeCaller(false);
        install(context, encoder, "STDERR_JSON");
    }

    private static void install(LoggerContext context, Encoder<ILoggingEvent> encoder, String name) {
        context.reset();
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        for (String quiet : QUIET) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
    }
}
