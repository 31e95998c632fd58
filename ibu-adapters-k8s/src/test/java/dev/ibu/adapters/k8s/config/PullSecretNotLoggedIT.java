package dev.ibu.adapters.k8s.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ibu.adapters.k8s.MockApi;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** With every logger at TRACE, reading the pull secret (and failing to) leaves no trace of its content. */
@EnableKubernetesMockClient(crud = true)
class PullSecretNotLoggedIT {
    private static final String AUTH = "c2VjcmV0LXVzZXI6aHVudGVyMg==";
    private static final String JSON = "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + AUTH + "\"}}}";
    private static final String ENCODED = Base64.getEncoder().encodeToString(JSON.getBytes(StandardCharsets.UTF_8));

    KubernetesMockServer server;
    KubernetesClient client;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;

    @BeforeEach
    void captureEverything() {
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
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        ((Logger) LoggerFactory.getLogger("io.fabric8")).setLevel(null);
        ((Logger) LoggerFactory.getLogger("dev.ibu")).setLevel(Level.INFO);
    }

    @Test
    void the_secret_never_reaches_a_log_line_or_a_message() {
        client.secrets().inNamespace("openshift-lifecycle-agent").resource(new SecretBuilder().withNewMetadata()
                .withName("seed-pull").endMetadata().addToData(".dockerconfigjson", ENCODED).build()).create();
        client.secrets().inNamespace("openshift-lifecycle-agent").resource(new SecretBuilder().withNewMetadata()
                .withName("broken").endMetadata().addToData(".dockerconfigjson", "%%" + AUTH).build()).create();
        appender.list.clear();
        PullSecretAdapter adapter = new PullSecretAdapter(client, "openshift-lifecycle-agent");

        var ok = adapter.read("seed-pull").get();
        var broken = adapter.read("broken").getLeft();
        server.expect().get().withPath("/api/v1/namespaces/openshift-lifecycle-agent/secrets/denied")
                .andReturn(403, MockApi.status(403, "Forbidden", "secrets \"denied\" is forbidden")).once();
        var denied = new PullSecretAdapter(MockApi.withoutRetries(client), "openshift-lifecycle-agent").read("denied")
                .getLeft();

        assertThat(ok.dockerConfigJson()).isEqualTo(JSON);
        assertThat(appender.list).isNotEmpty(); // the capture works: fabric8 logs requests at TRACE/DEBUG
        assertThat(appender.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(AUTH)
                .doesNotContain(ENCODED));
        assertThat(ok.toString() + broken.message() + denied.message()).doesNotContain(AUTH).doesNotContain("%%");
    }
}
