package dev.ibu.adapters.k8s.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ibu.adapters.k8s.AgentApi;
import dev.ibu.apiserver.Fault;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** With every logger at TRACE, reading the pull secret (and failing to) leaves no trace of its content. */
class PullSecretNotLoggedIT {
    private static final String AUTH = "c2VjcmV0LXVzZXI6aHVudGVyMg==";
    private static final String JSON = "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + AUTH + "\"}}}";
    private static final String ENCODED = Base64.getEncoder().encodeToString(JSON.getBytes(StandardCharsets.UTF_8));

    private static final String NS = "openshift-lifecycle-agent";
    private static final String SECRETS = "/api/v1/namespaces/" + NS + "/secrets/";
    AgentApi api;
    KubernetesClient client;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;

    @BeforeEach
    void captureEverything() {
        api = AgentApi.start(getClass());
        client = api.admin();
        rootLevel = root.getLevel();
        for (String name : new String[] {"io.fabric8", "dev.ibu"}) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.TRACE);
        }
        root.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restore() {
        api.close();
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        ((Logger) LoggerFactory.getLogger("io.fabric8")).setLevel(null);
        ((Logger) LoggerFactory.getLogger("dev.ibu")).setLevel(Level.INFO);
    }

    /**
     * The broken Secret cannot be stored (the API server rejects bad base64), so it is what a broken server would
     * answer; the denied one is an injected 403.
     */
    @Test
    void the_secret_never_reaches_a_log_line_or_a_message() {
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata()
                .withName("seed-pull").endMetadata().addToData(".dockerconfigjson", ENCODED).build()).create();
        api.server().inject(Fault.when(r -> r.is("GET", SECRETS + "broken")).body(200, "{\"apiVersion\":\"v1\","
                + "\"kind\":\"Secret\",\"metadata\":{\"name\":\"broken\",\"namespace\":\"" + NS + "\"},"
                + "\"data\":{\".dockerconfigjson\":\"%%" + AUTH + "\"}}").once());
        appender.list.clear();
        PullSecretAdapter adapter = new PullSecretAdapter(api.agent(), NS);

        var ok = adapter.read("seed-pull").get();
        var broken = adapter.read("broken").getLeft();
        api.server().inject(Fault.when(r -> r.is("GET", SECRETS + "denied")).status(403, "Forbidden",
                "secrets \"denied\" is forbidden: denied by an admission policy").once());
        var denied = adapter.read("denied").getLeft();

        assertThat(ok.dockerConfigJson()).isEqualTo(JSON);
        assertThat(denied.message()).contains("forbidden");
        assertThat(appender.list).isNotEmpty(); // the capture works: fabric8 logs requests at TRACE/DEBUG
        assertThat(appender.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(AUTH)
                .doesNotContain(ENCODED));
        assertThat(ok.toString() + broken.message() + denied.message()).doesNotContain(AUTH).doesNotContain("%%");
    }
}
