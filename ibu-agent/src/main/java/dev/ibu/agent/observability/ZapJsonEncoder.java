package dev.ibu.agent.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line with the keys of controller-runtime's zap logger (upstream's): {@code level} (lower
 * case: debug, info, warn, error), {@code ts} (RFC 3339 in UTC, controller-runtime's default time encoding, here with
 * milliseconds), {@code logger}, {@code caller} (file:line, only with {@code <includeCaller>true}: it walks the
 * stack), {@code msg}, then the MDC and the slf4j key-value pairs as fields, the reconcile id under
 * {@code reconcileID} (MDC key {@value #MDC_RECONCILE}), and for an exception {@code error} (its message) and
 * {@code stacktrace}. Hand-written rather than a logstash encoder: that one brings Jackson 2, the agent uses 3.
 */
public final class ZapJsonEncoder extends EncoderBase<ILoggingEvent> {
    /** The MDC key the controller puts the reconcile id under (ControllerLoop.MDC_KEY). */
    public static final String MDC_RECONCILE = "reconcile";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);
    private static final byte[] NONE = new byte[0];

    private boolean includeCaller;

    /** Whether to add {@code caller} (costs a stack walk per line). */
    public void setIncludeCaller(boolean includeCaller) {
        this.includeCaller = includeCaller;
    }

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level(event.getLevel()));
        line.put("ts", TS.format(event.getInstant().truncatedTo(ChronoUnit.MILLIS)));
        line.put("logger", event.getLoggerName());
        if (includeCaller && event.getCallerData() != null && event.getCallerData().length > 0) {
            StackTraceElement at = event.getCallerData()[0];
            line.put("caller", at.getFileName() + ":" + at.getLineNumber());
        }
        line.put("msg", event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((k, v) -> line.put(MDC_RECONCILE.equals(k) ? "reconcileID" : k, v));
        }
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                line.put(kv.key, kv.value == null ? null : String.valueOf(kv.value));
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.put("error", thrown.getMessage() == null ? thrown.getClassName()
                    : thrown.getClassName() + ": " + thrown.getMessage());
            line.put("stacktrace", ThrowableProxyUtil.asString(thrown));
        }
        return (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** zap's lower-case levels; logback's TRACE has no zap level and reads as debug. */
    static String level(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return "error";
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return "warn";
        }
        return level.isGreaterOrEqual(Level.INFO) ? "info" : "debug";
    }

    /** For tests: the time format of {@code ts}. */
    static String ts(Instant at) {
        return TS.format(at.truncatedTo(ChronoUnit.MILLIS));
    }
}
