package dev.ibu.adapters.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.ports.out.ClusterConfiguration;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.SeedReconfiguration;
import dev.ibu.ports.testkit.ClusterConfigSamples;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tree written into a stateroot's /var/opt/openshift: upstream's paths and JSON, private, link-safe. */
class ClusterConfigFilesAdapterTest {
    static final String SR = "rhcos_4.16.0";

    @TempDir
    Path tmp;
    private Path var;
    private ClusterConfigFilesAdapter adapter;

    @BeforeEach
    void setUp() throws Exception {
        HostLayout layout = HostLayout.forSysroot(tmp.resolve("sysroot"), tmp.resolve("work"));
        var = layout.staterootVar(SR);
        Files.createDirectories(var);
        adapter = new ClusterConfigFilesAdapter(layout, tmp.resolve("node"));
    }

    private static ClusterConfiguration config() {
        return ClusterConfiguration.fromCluster(ClusterConfigSamples.seedFromCluster()
                        .withNode(ClusterConfigSamples.node()), ClusterConfigSamples.manifests(),
                LinkedHashMap.of("CN=app.example.com__apps_app-tls.key", "-----BEGIN EC PRIVATE KEY-----\nk\n"))
                .withNode(ClusterConfigSamples.node());
    }

    @Test
    void writes_upstreams_layout_with_private_modes() throws Exception {
        assertThat(adapter.save(SR, config()).isRight()).isTrue();

        Path opt = var.resolve("opt/openshift");
        assertThat(opt.resolve("cluster-configuration/manifest.json")).isRegularFile();
        assertThat(opt.resolve("cluster-configuration/manifests/image-digest-mirror-set.json")).isRegularFile();
        assertThat(opt.resolve("cluster-configuration/certmanager-crypto/CN=app.example.com__apps_app-tls.key"))
                .hasContent("-----BEGIN EC PRIVATE KEY-----\nk");
        assertThat(opt.resolve("network-configuration/system-connections/br-ex.nmconnection"))
                .hasContent("[connection]\nid=br-ex");
        assertThat(opt.resolve("lvm-configuration/system.devices")).hasContent("# LVM system devices");
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(opt.resolve("cluster-configuration"))) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            assertThat(mode).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
    }

    @Test
    void manifest_json_has_upstreams_keys_and_leaves_empty_fields_out() throws Exception {
        adapter.save(SR, config());

        JsonNode json = JsonMapper.builder().build().readTree(
                var.resolve("opt/openshift/cluster-configuration/manifest.json").toFile());
        assertThat(json.get("api_version").asInt()).isEqualTo(1);
        assertThat(json.get("cluster_name").asString()).isEqualTo("sno");
        assertThat(json.get("base_domain").asString()).isEqualTo("example.com");
        assertThat(json.get("node_ips").get(0).asString()).isEqualTo("192.168.122.10");
        assertThat(json.at("/KubeconfigCryptoRetention/IngresssCrypto/ingress_certificate_cn").asString())
                .isEqualTo("ingress-operator@1700000000");
        assertThat(json.at("/KubeconfigCryptoRetention/KubeAPICrypto/ServingCrypto/localhost_signer_private_key")
                .asString()).isEqualTo(ClusterConfigSamples.SIGNER_KEY);
        assertThat(json.get("ssh_key").asString()).isEqualTo(ClusterConfigSamples.SSH_KEY);
        assertThat(json.at("/server_ssh_keys/0/file_name").asString()).isEqualTo("ssh_host_ed25519_key");
        assertThat(json.get("pull_secret").asString()).isEqualTo(ClusterConfigSamples.PULL_SECRET);
        assertThat(json.get("chrony_config").asString()).isEqualTo("server 192.168.122.1 iburst\n");
        assertThat(json.at("/node_labels/kubernetes.io~1hostname").asString()).isEqualTo("sno.example.com");
        assertThat(json.at("/additionalTrustBundle/userCaBundle").asString()).isEmpty();
        assertThat(json.has("proxy")).as("no proxy set: left out").isFalse();
        assertThat(json.has("status_proxy")).isFalse();
        assertThat(json.has("node_ip")).as("deprecated field never written").isFalse();
    }

    @Test
    void a_proxy_is_written_with_its_status() throws Exception {
        SeedReconfiguration s = ClusterConfigSamples.seedFromCluster();
        SeedReconfiguration withProxy = new SeedReconfiguration(s.baseDomain(), s.clusterName(), s.clusterId(),
                s.infraId(), s.nodeIps(), s.releaseRegistry(), s.hostname(), s.kubeconfigCryptoRetention(),
                s.sshKey(), s.serverSshKeys(), s.pullSecret(), s.kubeadminPasswordHash(),
                Option.some(new SeedReconfiguration.Proxy("http://proxy:3128", "", "")),
                Option.some(new SeedReconfiguration.Proxy("http://proxy:3128", "", ".cluster.local,10.0.0.0/16")),
                s.installConfig(), s.machineNetworks(), s.chronyConfig(), s.additionalTrustBundle(), s.nodeLabels());
        adapter.save(SR, ClusterConfiguration.fromCluster(withProxy, ClusterConfigSamples.manifests(),
                LinkedHashMap.empty()));

        JsonNode json = JsonMapper.builder().build().readTree(
                var.resolve("opt/openshift/cluster-configuration/manifest.json").toFile());
        assertThat(json.at("/proxy/httpProxy").asString()).isEqualTo("http://proxy:3128");
        assertThat(json.at("/proxy").has("httpsProxy")).isFalse();
        assertThat(json.at("/status_proxy/noProxy").asString()).isEqualTo(".cluster.local,10.0.0.0/16");
    }

    @Test
    void what_else_is_under_opt_openshift_is_kept_by_save_and_discard() throws Exception {
        Path crypto = var.resolve("opt/openshift/kubeconfig-crypto/admin-kubeconfig-client-ca.crt");
        Files.createDirectories(crypto.getParent());
        Files.writeString(crypto, "CA");

        adapter.save(SR, config());
        adapter.discard(SR);

        assertThat(crypto).hasContent("CA");
        assertThat(var.resolve("opt/openshift/cluster-configuration")).doesNotExist();
        assertThat(var.resolve("opt/openshift/network-configuration")).doesNotExist();
        assertThat(var.resolve("opt/openshift/lvm-configuration")).doesNotExist();
    }

    @Test
    void a_link_planted_at_var_opt_is_refused_and_nothing_is_written_through_it() throws Exception {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.createSymbolicLink(var.resolve("opt"), outside);

        PortFailure failure = adapter.save(SR, config()).getLeft();

        assertThat(failure).isInstanceOf(PortFailure.Invalid.class);
        assertThat(failure.message()).contains("is a symbolic link").contains("refusing to go through");
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
        assertThat(adapter.loadManifests(SR).isLeft()).isTrue();
        assertThat(adapter.discard(SR).isLeft()).as("discard does not delete through the link either").isTrue();
    }

    @Test
    void a_link_in_place_of_the_cluster_configuration_is_removed_not_followed() throws Exception {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("keep"), "x");
        Files.createDirectories(var.resolve("opt/openshift"));
        Files.createSymbolicLink(var.resolve("opt/openshift/cluster-configuration"), outside);

        assertThat(adapter.save(SR, config()).isRight()).isTrue();

        assertThat(outside.resolve("keep")).hasContent("x");
        assertThat(Files.isSymbolicLink(var.resolve("opt/openshift/cluster-configuration"))).isFalse();
    }

    @Test
    void a_link_in_place_of_the_manifests_directory_is_not_read_through() throws Exception {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("planted.json"), "{\"kind\":\"ClusterRoleBinding\"}");
        Files.createDirectories(var.resolve("opt/openshift/cluster-configuration"));
        Files.createSymbolicLink(var.resolve("opt/openshift/cluster-configuration/manifests"), outside);

        PortFailure failure = adapter.loadManifests(SR).getLeft();

        assertThat(failure).isInstanceOf(PortFailure.Invalid.class);
        assertThat(failure.message()).contains("manifests");
    }

    @Test
    void the_message_of_a_missing_ssh_key_names_the_file_and_the_fix() {
        NodeTree.write(tmp.resolve("node"), new dev.ibu.ports.out.NodeConfiguration("", io.vavr.collection.List
                .empty(), "", LinkedHashMap.empty(), Option.none()));

        assertThat(adapter.readNode().getLeft().message()).isEqualTo("failed to read sshKey: "
                + "/home/core/.ssh/authorized_keys.d/ignition does not exist; the machine-config daemon writes it from "
                + "the cluster's SSH MachineConfigs (99-master-ssh): check that the node's machine config is applied");
    }

    @Test
    void ssh_host_keys_are_upstreams_glob_only() {
        NodeTree.write(tmp.resolve("node"), ClusterConfigSamples.node());

        assertThat(adapter.readNode().get().serverSshKeys().map(SeedReconfiguration.ServerSshKey::fileName))
                .containsExactly("ssh_host_ed25519_key");
    }
}
