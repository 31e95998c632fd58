package dev.ibu.agent.observability;

import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The options {@code run} takes for logs, metrics and probes, as a picocli mixin:
 * {@code @CommandLine.Mixin ObservabilityOptions observability;}.
 */
public final class ObservabilityOptions {
    @Option(names = "--log-format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: one JSON object per line with controller-runtime's (zap's) "
                    + "keys: ts, level, logger, msg, reconcileID, error, stacktrace.")
    JsonLogging.Format logFormat = JsonLogging.Format.text;

    @Option(names = "--probe-address", defaultValue = ":8081", paramLabel = "[HOST]:PORT",
            description = "Where /healthz and /readyz are served (no authentication: the kubelet probes them), e.g. "
                    + ":8081 (all interfaces) or 127.0.0.1:8081; 'off' serves nothing. Default: ${DEFAULT-VALUE}.")
    String probeAddress = ":8081";

    @Option(names = "--metrics-address", defaultValue = "off", paramLabel = "[HOST]:PORT",
            description = "Where /metrics is served, e.g. :8443 (over TLS, with TokenReview and "
                    + "SubjectAccessReview as controller-runtime's secure metrics) or, with --metrics-secure=false, "
                    + "127.0.0.1:8080; 'off' serves nothing. Default: ${DEFAULT-VALUE}.")
    String metricsAddress = "off";

    @Option(names = "--metrics-secure", arity = "1", defaultValue = "true", paramLabel = "true|false",
            description = "Serve /metrics over TLS with authentication and authorization (default), or plain HTTP "
                    + "without them, on a loopback address only (false). Default: ${DEFAULT-VALUE}.")
    boolean metricsSecure = true;

    @Option(names = "--metrics-cert-dir", defaultValue = "/etc/metrics-tls", paramLabel = "DIR",
            description = "Where the serving certificate is (tls.crt and tls.key, e.g. the service CA's Secret); "
                    + "re-read when it changes. Default: ${DEFAULT-VALUE}.")
    Path metricsCertDir = Path.of("/etc/metrics-tls");

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

    /**
     * How to serve /metrics, empty for {@code --metrics-address=off}; an {@link IllegalArgumentException} names the
     * option and the fix.
     */
    public Optional<MetricsServing> metricsServing() {
        if ("off".equals(metricsAddress)) {
            return Optional.empty();
        }
        InetSocketAddress address = parse("--metrics-address", metricsAddress, ":8443");
        if (!metricsSecure && (address.getAddress() == null || !address.getAddress().isLoopbackAddress())) {
            throw new IllegalArgumentException("--metrics-secure=false serves /metrics without TLS or "
                    + "authentication: give a loopback --metrics-address, e.g. 127.0.0.1:8080 (got "
                    + metricsAddress + ")");
        }
        return Optional.of(new MetricsServing(address, metricsSecure, metricsCertDir));
    }

    static InetSocketAddress parse(String value) {
        return parse("--probe-address", value, ":8081");
    }

    private static InetSocketAddress parse(String option, String value, String example) {
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
            throw new IllegalArgumentException(option + " " + value + ": the port must be 0-65535, e.g. "
                    + option + "=" + example + " or " + option + "=127.0.0.1" + example + " (or off)");
        }
        return host.isEmpty() ? new InetSocketAddress(p) : new InetSocketAddress(host, p);
    }
}
