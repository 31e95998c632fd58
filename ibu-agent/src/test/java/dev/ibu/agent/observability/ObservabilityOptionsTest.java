package dev.ibu.agent.observability;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservabilityOptionsTest {
    @Command(name = "x")
    static final class WithMixin implements Runnable {
        @Mixin
        ObservabilityOptions o;

        @Override
        public void run() {
        }
    }

    private static ObservabilityOptions parse(String... args) {
        WithMixin c = new WithMixin();
        new CommandLine(c).parseArgs(args);
        return c.o;
    }

    @Test
    void defaults_are_text_logs_and_probes_on_all_interfaces_port_8081() {
        ObservabilityOptions o = parse();
        assertThat(o.logFormat()).isEqualTo(JsonLogging.Format.text);
        assertThat(o.probesOff()).isFalse();
        assertThat(o.probeSocketAddress()).isEqualTo(new InetSocketAddress(8081));
    }

    @Test
    void json_and_a_loopback_address_and_off_are_accepted() {
        ObservabilityOptions o = parse("--log-format=json", "--probe-address=127.0.0.1:9090");
        assertThat(o.logFormat()).isEqualTo(JsonLogging.Format.json);
        assertThat(o.probeSocketAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 9090));
        assertThat(parse("--probe-address=off").probesOff()).isTrue();
    }

    @Test
    void a_bad_port_names_the_option_and_an_example() {
        assertThatThrownBy(() -> parse("--probe-address=:http").probeSocketAddress())
                .hasMessageContaining("--probe-address :http").hasMessageContaining("--probe-address=:8081");
    }

    @Test
    void metrics_are_off_by_default_secure_when_on_and_plain_only_on_loopback() {
        assertThat(parse().metricsServing()).isEmpty();
        MetricsServing secure = parse("--metrics-address=:8443", "--metrics-cert-dir=/etc/metrics-tls")
                .metricsServing().orElseThrow();
        assertThat(secure.secure()).isTrue();
        assertThat(secure.address()).isEqualTo(new InetSocketAddress(8443));
        assertThat(secure.certDir()).isEqualTo(java.nio.file.Path.of("/etc/metrics-tls"));
        assertThat(parse("--metrics-address=127.0.0.1:8080", "--metrics-secure=false").metricsServing()
                .orElseThrow().secure()).isFalse();
        assertThatThrownBy(() -> parse("--metrics-address=:8080", "--metrics-secure=false").metricsServing())
                .hasMessageContaining("loopback").hasMessageContaining("127.0.0.1:8080");
        assertThatThrownBy(() -> parse("--metrics-address=:https").metricsServing())
                .hasMessageContaining("--metrics-address :https").hasMessageContaining("--metrics-address=:8443");
    }
}
