package dev.ibu.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels set from the command line (logback is the agent's binding). */
public final class LogLevels {
    private LogLevels() {
    }

    /** Local mode prints its own progress: the engine's log only with {@code --verbose}. */
    public static void quietLibraries(boolean verbose) {
        set("dev.ibu", verbose ? Level.INFO : Level.WARN);
        set("io.fabric8", Level.WARN);
        set("io.vertx", Level.WARN);
        set("io.netty", Level.WARN);
    }

    private static void set(String name, Level level) {
        if (LoggerFactory.getLogger(name) instanceof Logger l) {
            l.setLevel(level);
        }
    }
}
