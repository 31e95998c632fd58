package dev.ibu.agent.observability;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLoggingTest {
    private final PrintStream realErr = System.err;

    @AfterEach
    void restoreDefaultLogging() throws Exception {
        System.setErr(realErr);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void json_format_writes_one_json_object_per_line_with_the_reconcile_id_from_the_mdc() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));

        JsonLogging.apply(JsonLogging.Format.json);
        MDC.put("reconcile", "upgrade-42");
        try {
            LoggerFactory.getLogger("dev.ibu.test").info("reconciled: {}", "Prep in progress");
        } finally {
            MDC.remove("reconcile");
        }

        String line = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("reconciled")).findFirst().orElseThrow();
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertThat(json.get("level").asString()).isEqualTo("INFO");
        assertThat(json.get("loggerName").asString()).isEqualTo("dev.ibu.test");
        assertThat(json.get("formattedMessage").asString()).isEqualTo("reconciled: Prep in progress");
        assertThat(json.get("mdc").get("reconcile").asString()).isEqualTo("upgrade-42");
    }

    @Test
    void text_format_keeps_the_default_configuration() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JsonLogging.apply(JsonLogging.Format.text);
        assertThat(context.getLogger("ROOT").getAppender("STDERR")).isNotNull();
    }
}
