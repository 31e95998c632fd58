package dev.ibu.ports.contract;

import dev.ibu.ports.out.ClusterConfigFilesPort;
import dev.ibu.ports.out.ClusterConfiguration;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.NodeConfiguration;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.ClusterConfigSamples;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ClusterConfigFilesPort} does: it reads the node's files as they are, and what it saves in a
 * stateroot loads back in byte-wise name order, replaces an earlier attempt, belongs to that stateroot, and is gone
 * once discarded.
 */
public abstract class ClusterConfigFilesPortContractTest {

    /** Fresh for each test: two existing stateroots with nothing saved, and a node. */
    public interface Fixture {
        ClusterConfigFilesPort port();

        String stateroot();

        String otherStateroot();

        /** Makes the node's files say {@code node}; an empty SSH key means the authorized-keys file is absent. */
        void nodeHas(NodeConfiguration node);
    }

    protected abstract Fixture newFixture();

    private Fixture f;
    private ClusterConfigFilesPort port;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
        port = f.port();
    }

    private static ClusterConfiguration withManifests(String... nameAndText) {
        LinkedHashMap<String, String> files = LinkedHashMap.empty();
        for (int i = 0; i < nameAndText.length; i += 2) {
            files = files.put(nameAndText[i], nameAndText[i + 1]);
        }
        return ClusterConfiguration.fromCluster(ClusterConfigSamples.seedFromCluster(), new ExportBundle(files),
                LinkedHashMap.of("CN=app.example.com__apps_app-tls.key", "KEY")).withNode(ClusterConfigSamples.node());
    }

    @Test
    void reads_the_node_files_as_they_are() {
        NodeConfiguration node = ClusterConfigSamples.node();
        f.nodeHas(node);

        NodeConfiguration read = port.readNode().get();

        assertThat(read.sshKey()).isEqualTo(node.sshKey());
        assertThat(read.serverSshKeys().asJava()).containsExactlyElementsOf(node.serverSshKeys());
        assertThat(read.chronyConfig()).isEqualTo(node.chronyConfig());
        assertThat(read.networkConnections().toJavaMap()).isEqualTo(node.networkConnections().toJavaMap());
        assertThat(read.lvmDevices()).isEqualTo(node.lvmDevices());
    }

    @Test
    void optional_node_files_may_be_absent() {
        f.nodeHas(new NodeConfiguration(ClusterConfigSamples.SSH_KEY, List.empty(), "", LinkedHashMap.empty(),
                Option.none()));

        NodeConfiguration read = port.readNode().get();

        assertThat(read.serverSshKeys()).isEmpty();
        assertThat(read.chronyConfig()).isEmpty();
        assertThat(read.networkConnections()).isEmpty();
        assertThat(read.lvmDevices()).isEqualTo(Option.none());
    }

    @Test
    void a_node_without_the_core_users_ssh_key_is_not_found_naming_the_file() {
        f.nodeHas(new NodeConfiguration("", List.empty(), "", LinkedHashMap.empty(), Option.none()));

        PortFailure failure = port.readNode().getLeft();

        assertThat(failure).isInstanceOf(PortFailure.NotFound.class);
        assertThat(failure.message()).contains("/home/core/.ssh/authorized_keys.d/ignition");
    }

    @Test
    void nothing_saved_loads_as_none() {
        assertThat(port.loadManifests(f.stateroot()).get()).isEqualTo(Option.none());
    }

    @Test
    void saved_manifests_load_back_in_bytewise_name_order() {
        ClusterConfiguration config = withManifests("image-digest-mirror-set.json", "{\"kind\":\"List\"}",
                "StorageClass_lvm_.json", "{\"kind\":\"StorageClass\"}",
                "03_certmanager_Secret_app-tls_apps.json", "{\"kind\":\"Secret\"}",
                "LocalVolume_lv_openshift-local-storage.json", "{\"kind\":\"LocalVolume\"}",
                "01_certmanager_Namespace_apps.json", "{\"kind\":\"Namespace\"}",
                "image-content-source-policy-list.json", "{\"kind\":\"List\",\"items\":[]}");

        assertThat(port.save(f.stateroot(), config).isRight()).isTrue();

        ExportBundle loaded = port.loadManifests(f.stateroot()).get().get();
        assertThat(loaded.files().keySet().toList().asJava()).containsExactly("01_certmanager_Namespace_apps.json",
                "03_certmanager_Secret_app-tls_apps.json", "99-master-ssh.json", "99-worker-ssh.json",
                "LocalVolume_lv_openshift-local-storage.json", "StorageClass_lvm_.json",
                "image-content-source-policy-list.json", "image-digest-mirror-set.json");
        assertThat(loaded.files().filterKeys(n -> !n.startsWith("99-")).toJavaMap())
                .isEqualTo(config.manifests().files().toJavaMap());
    }

    @Test
    void the_ssh_key_travels_as_upstreams_machine_configs_for_both_roles() {
        port.save(f.stateroot(), withManifests());

        ExportBundle loaded = port.loadManifests(f.stateroot()).get().get();
        JsonMapper json = JsonMapper.builder().build();
        for (String role : new String[] {"master", "worker"}) {
            JsonNode mc = json.readTree(loaded.files().get("99-" + role + "-ssh.json").get());
            assertThat(mc.get("kind").asString()).isEqualTo("MachineConfig");
            assertThat(mc.at("/metadata/name").asString()).isEqualTo("99-" + role + "-ssh");
            assertThat(mc.at("/metadata/labels/machineconfiguration.openshift.io~1role").asString()).isEqualTo(role);
            assertThat(mc.at("/spec/config/ignition/version").asString()).isEqualTo("3.2.0");
            assertThat(mc.at("/spec/config/passwd/users/0/name").asString()).isEqualTo("core");
            assertThat(mc.at("/spec/config/passwd/users/0/sshAuthorizedKeys/0").asString())
                    .isEqualTo(ClusterConfigSamples.SSH_KEY);
        }
    }

    @Test
    void without_an_ssh_key_or_manifests_an_empty_set_is_saved_not_nothing() {
        ClusterConfiguration noKey = ClusterConfiguration.fromCluster(ClusterConfigSamples.seedFromCluster(),
                ExportBundle.EMPTY, LinkedHashMap.empty());
        assertThat(port.save(f.stateroot(), noKey).isRight()).isTrue();

        assertThat(port.loadManifests(f.stateroot()).get().map(ExportBundle::isEmpty)).isEqualTo(Option.some(true));
    }

    @Test
    void save_replaces_what_an_earlier_attempt_wrote() {
        port.save(f.stateroot(), withManifests("03_certmanager_Secret_gone_apps.json", "{\"kind\":\"Secret\"}",
                "image-digest-mirror-set.json", "{\"old\":true}"));

        port.save(f.stateroot(), withManifests("image-digest-mirror-set.json", "{\"new\":true}"));

        assertThat(port.loadManifests(f.stateroot()).get().get().files().filterKeys(n -> !n.startsWith("99-"))
                .toJavaMap()).isEqualTo(java.util.Map.of("image-digest-mirror-set.json", "{\"new\":true}"));
    }

    @Test
    void saved_configuration_belongs_to_its_stateroot() {
        port.save(f.stateroot(), withManifests("image-digest-mirror-set.json", "{}"));

        assertThat(port.loadManifests(f.otherStateroot()).get()).isEqualTo(Option.none());
    }

    @Test
    void discard_then_load_is_none_and_discarding_again_succeeds() {
        port.save(f.stateroot(), withManifests("image-digest-mirror-set.json", "{}"));

        assertThat(port.discard(f.stateroot()).isRight()).isTrue();

        assertThat(port.loadManifests(f.stateroot()).get()).isEqualTo(Option.none());
        assertThat(port.discard(f.stateroot()).isRight()).isTrue();
    }

    @Test
    void saving_into_an_absent_stateroot_is_not_found() {
        PortFailure failure = port.save("rhcos_9.9.9", withManifests()).getLeft();

        assertThat(failure).isInstanceOf(PortFailure.NotFound.class);
        assertThat(failure.message()).contains("rhcos_9.9.9");
    }
}
