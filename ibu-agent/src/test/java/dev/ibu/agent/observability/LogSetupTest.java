package dev.ibu.agent.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogSetupTest {
    @Test
    void the_agent_logs_text_lines_on_stderr_with_the_reconcile_id_and_quiet_libraries_without_xml() {
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);

        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.fabric8").getLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(LogSetup.PATTERN).contains("%X{reconcile:-}");
    }

    @Test
    void json_replaces_the_text_appender() {
        LoggerContext context = new LoggerContext();
        LogSetup.text(context);
        LogSetup.json(context);

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("STDERR")).isNull();
        ConsoleAppender<?> json = (ConsoleAppender<?>) root.getAppender("STDERR_JSON");
        assertThat(json.getEncoder()).isInstanceOf(ZapJsonEncoder.class);
        assertThat(context.getLogger("io.fabric8").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void logback_finds_the_setup_as_a_service() throws Exception {
        try (InputStream in = LogSetup.class.getClassLoader()
                .getResourceAsStream("META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(in).as("the service file that makes logback use LogSetup").isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo(LogSetup.class.getName());
        }
    }
}
