package dev.ibu.agent.observability;

import picocli.CommandLine.Option;

import java.net.InetSocketAddress;

/**
 * The options {@code run} takes for logs, metrics and probes, as a picocli mixin:
 * {@code @CommandLine.Mixin ObservabilityOptions observability;}.
 */
public final class ObservabilityOptions {
    @Option(names = "--log-format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: one JSON object per line with the reconcile id (logback's "
                    + "JsonEncoder).")
    JsonLogging.Format logFormat = JsonLogging.Format.text;

    @Option(names = "--probe-address", defaultValue = ":8081", paramLabel = "[HOST]:PORT",
            description = "Where /metrics, /healthz and /readyz are served, e.g. :8081 (all interfaces) or "
                    + "127.0.0.1:8081; 'off' serves nothing. Default: ${DEFAULT-VALUE}.")
    String probeAddress = ":8081";

    public JsonLogging.Format logFormat() {
        return logFormat;
    }

    /** Applies {@code --log-format}; call it first thing in {@code call()}. */
    public void applyLogFormat() {
        JsonLogging.apply(logFormat);
    }

    /** Whether {@code --probe-address=off}. */
    public boolean probesOff() {
        return "off".equals(probeAddress);
    }

    /** {@code --probe-address} as a socket address; the message names the option and the fix. */
    public InetSocketAddress probeSocketAddress() {
        return parse(probeAddress);
    }

    static InetSocketAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        String port = colon < 0 ? value : value.substring(colon + 1);
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("--probe-address " + value + ": the port must be 0-65535, e.g. "
                    + "--probe-address=:8081 or --probe-address=127.0.0.1:8081 (or off)");
        }
        return host.isEmpty() ? new InetSocketAddress(p) : new InetSocketAddress(host, p);
    }
}
