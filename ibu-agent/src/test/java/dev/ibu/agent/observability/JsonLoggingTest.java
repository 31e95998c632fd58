package dev.ibu.agent.observability;

import dev.ibu.agent.controller.Backoff;
import dev.ibu.agent.controller.ControllerLoop;
import dev.ibu.agent.controller.WorkQueue;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;
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
import java.time.Instant;

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

    private String logged(Runnable log) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        JsonLogging.apply(JsonLogging.Format.json);
        log.run();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void json_format_writes_one_object_per_line_with_zaps_keys_and_the_reconcile_id() throws Exception {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String out = logged(() -> {
            MDC.put("reconcile", "upgrade-42");
            try {
                LoggerFactory.getLogger("dev.ibu.test").info("reconciled: {}", "Prep in progress");
            } finally {
                MDC.remove("reconcile");
            }
        });

        String line = out.lines().filter(l -> l.contains("reconciled")).findFirst().orElseThrow();
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertThat(json.get("level").asString()).isEqualTo("info");
        assertThat(json.get("logger").asString()).isEqualTo("dev.ibu.test");
        assertThat(json.get("msg").asString()).isEqualTo("reconciled: Prep in progress");
        assertThat(json.get("reconcileID").asString()).isEqualTo("upgrade-42");
        Instant ts = java.time.OffsetDateTime.parse(json.get("ts").asString()).toInstant();  // RFC 3339
        assertThat(ts).isBetween(before, Instant.now());
        assertThat(json.has("error")).isFalse();
        assertThat(json.has("formattedMessage")).as("logback's own keys are gone").isFalse();
    }

    @Test
    void an_exception_becomes_error_and_stacktrace_and_levels_are_zaps() throws Exception {
        String out = logged(() -> {
            org.slf4j.Logger log = LoggerFactory.getLogger("dev.ibu.test");
            log.warn("careful");
            log.atError().addKeyValue("stage", "Prep").setCause(new IllegalStateException("disk full"))
                    .log("reconcile threw");
        });

        JsonMapper mapper = JsonMapper.builder().build();
        JsonNode warn = mapper.readTree(out.lines().filter(l -> l.contains("careful")).findFirst().orElseThrow());
        assertThat(warn.get("level").asString()).isEqualTo("warn");
        JsonNode error = mapper.readTree(out.lines().filter(l -> l.contains("reconcile threw")).findFirst()
                .orElseThrow());
        assertThat(error.get("level").asString()).isEqualTo("error");
        assertThat(error.get("error").asString()).isEqualTo("java.lang.IllegalStateException: disk full");
        assertThat(error.get("stacktrace").asString()).contains("JsonLoggingTest");
        assertThat(error.get("stage").asString()).isEqualTo("Prep");
    }

    @Test
    void a_reconcile_logs_its_id_and_controller_runtimes_keys() throws Exception {
        String out = logged(() -> {
            WorkQueue queue = new WorkQueue(java.time.Clock.systemUTC());
            ReconcileUpgradeUseCase engine = new ReconcileUpgradeUseCase() {
                @Override
                public ReconcileResult initialize() {
                    return ReconcileResult.done("init");
                }

                @Override
                public ReconcileResult reconcile(ReconcileCommand command) {
                    queue.shutDown();
                    return ReconcileResult.done("nothing in progress");
                }

                @Override
                public ReconcileResult deleted(ImageBasedUpgrade lastSeen) {
                    return ReconcileResult.done("deleted");
                }
            };
            queue.add("upgrade");
            new ControllerLoop(queue, engine, new Backoff(
                    java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(2)), r -> { },
                    new ControllerLoop.Deletions()).run();
        });

        JsonNode line = JsonMapper.builder().build().readTree(out.lines().filter(l -> l.contains("reconciled:"))
                .findFirst().orElseThrow());
        assertThat(line.get("reconcileID").asString()).startsWith("upgrade-");
        assertThat(line.get("controller").asString()).isEqualTo("imagebasedupgrade");
        assertThat(line.get("controllerKind").asString()).isEqualTo("ImageBasedUpgrade");
        assertThat(line.get("name").asString()).isEqualTo("upgrade");
        assertThat(line.get("logger").asString()).isEqualTo(ControllerLoop.class.getName());
    }

    @Test
    void text_format_keeps_the_default_configuration() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JsonLogging.apply(JsonLogging.Format.text);
        assertThat(context.getLogger("ROOT").getAppender("STDERR")).isNotNull();
    }
}
