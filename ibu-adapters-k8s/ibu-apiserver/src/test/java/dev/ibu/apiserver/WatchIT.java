package dev.ibu.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Watches over chunked HTTP: fabric8 informers, resume from a resourceVersion, 410 after compaction, WebSocket fallback. */
class WatchIT {
    static ApiServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        server = Fixtures.serverWithAgentRbac();
        client = server.clientAs(Identity.admin());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static ConfigMap cm(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata().addToData("k", value).build();
    }

    @Test
    void an_informer_sees_adds_updates_and_deletes() {
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default").inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
                seen.add("add " + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                if (!oldObj.getMetadata().getResourceVersion().equals(newObj.getMetadata().getResourceVersion())) {
                    seen.add("update " + newObj.getData().get("k"));
                }
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                seen.add("delete " + obj.getMetadata().getName());
            }
        });
        try {
            client.configMaps().inNamespace("default").resource(cm("informed", "1")).create();
            client.configMaps().inNamespace("default").withName("informed").edit(c -> {
                c.getData().put("k", "2");
                return c;
            });
            client.configMaps().inNamespace("default").withName("informed").delete();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("delete informed"));
            assertThat(seen).containsSubsequence("add informed", "update 2", "delete informed");
        } finally {
            informer.close();
        }
    }

    @Test
    void a_watch_resumes_after_a_resource_version() {
        ConfigMap first = client.configMaps().inNamespace("default").resource(cm("resumed", "1")).create();
        client.configMaps().inNamespace("default").withName("resumed").edit(c -> {
            c.getData().put("k", "2");
            return c;
        });
        List<String> events = new CopyOnWriteArrayList<>();
        try (Watch w = client.configMaps().inNamespace("default").withName("resumed")
                .withResourceVersion(first.getMetadata().getResourceVersion()).watch(recorder(events))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("MODIFIED 2"));
            assertThat(events).doesNotContain("ADDED 1");
        }
    }

    @Test
    void a_watch_from_a_compacted_resource_version_is_410_gone() {
        ConfigMap old = client.configMaps().inNamespace("default").resource(cm("compacted", "1")).create();
        client.configMaps().inNamespace("default").withName("compacted").edit(c -> {
            c.getData().put("k", "2");
            return c;
        });
        server.compactHistory();
        List<Integer> codes = new CopyOnWriteArrayList<>();
        Watch w = client.configMaps().inNamespace("default").withResourceVersion(old.getMetadata().getResourceVersion())
                .watch(new Watcher<ConfigMap>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap resource) {
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        codes.add(cause.asClientException().getCode());
                    }
                });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !codes.isEmpty());
            assertThat(codes).containsExactly(410);
        } finally {
            w.close();
        }
    }

    @Test
    void a_client_that_tries_websocket_first_falls_back_to_http() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).withOauthToken(server.tokenFor(Identity.admin()))
                .withCaCertData(java.util.Base64.getEncoder().encodeToString(server.certificatePem().orElseThrow().getBytes())).build();
        try (KubernetesClient wsFirst = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build()) {
            List<String> events = new CopyOnWriteArrayList<>();
            try (Watch w = wsFirst.configMaps().inNamespace("default").withName("fallback").watch(recorder(events))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> server.openWatches() > 0);
                client.configMaps().inNamespace("default").resource(cm("fallback", "1")).create();
                await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("ADDED 1"));
            }
        }
    }

    private static Watcher<ConfigMap> recorder(List<String> events) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                events.add(action + " " + resource.getData().get("k"));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }
}
