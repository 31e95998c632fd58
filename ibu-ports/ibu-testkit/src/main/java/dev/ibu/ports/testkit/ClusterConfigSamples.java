package dev.ibu.ports.testkit;

import dev.ibu.ports.out.ClusterConfiguration;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.NodeConfiguration;
import dev.ibu.ports.out.SeedReconfiguration;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

/** A single-node cluster's carried-over configuration, as the in-memory world and the contract tests use it. */
public final class ClusterConfigSamples {
    public static final String PULL_SECRET = "{\"auths\":{\"quay.io\":{\"auth\":\"c2VjcmV0LXB1bGw=\"}}}";
    public static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ0sample core@sno\n";
    public static final String SIGNER_KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIsecret-signer\n-----END RSA PRIVATE KEY-----\n";
    public static final String IDMS_FILE = "image-digest-mirror-set.json";
    public static final String INSTALL_CONFIG = "apiVersion: v1\nbaseDomain: example.com\nmetadata:\n  name: sno\n"
            + "networking:\n  machineNetwork:\n  - cidr: 192.168.122.0/24\n";
    public static final String ADMIN_CA = "-----BEGIN CERTIFICATE-----\nMIIadmin\n-----END CERTIFICATE-----\n";
    public static final String KUBEADMIN_HASH = "$2a$10$kubeadminhash";

    private ClusterConfigSamples() {
    }

    /** What the cluster says (no node part yet). */
    public static SeedReconfiguration seedFromCluster() {
        return new SeedReconfiguration("example.com", "sno", "3b8f2e1a-6a4f-4c4e-9f0e-1d2c3b4a5f60", "sno-x7k2p",
                List.of("192.168.122.10"), "quay.io", "sno.example.com",
                new SeedReconfiguration.KubeconfigCrypto(SIGNER_KEY, SIGNER_KEY, SIGNER_KEY,
                        ADMIN_CA, SIGNER_KEY,
                        "ingress-operator@1700000000"),
                "", List.empty(), PULL_SECRET, KUBEADMIN_HASH, Option.none(), Option.none(),
                INSTALL_CONFIG, List.of("192.168.122.0/24"), "",
                SeedReconfiguration.TrustBundle.NONE,
                TreeMap.of("node-role.kubernetes.io/master", "", "kubernetes.io/hostname", "sno.example.com"));
    }

    /** One IDMS list, as gathered. */
    public static ExportBundle manifests() {
        return new ExportBundle(LinkedHashMap.of(IDMS_FILE, "{\"apiVersion\":\"config.openshift.io/v1\","
                + "\"kind\":\"ImageDigestMirrorSetList\",\"metadata\":{},\"items\":[{\"apiVersion\":\"config.openshift.io/v1\","
                + "\"kind\":\"ImageDigestMirrorSet\",\"metadata\":{\"name\":\"mirror\"},\"spec\":{\"imageDigestMirrors\":"
                + "[{\"source\":\"quay.io/openshift-release-dev\",\"mirrors\":[\"registry.local/ocp\"]}]}}]}"));
    }

    public static ClusterConfiguration fromCluster() {
        return ClusterConfiguration.fromCluster(seedFromCluster(), manifests(), LinkedHashMap.empty());
    }

    public static NodeConfiguration node() {
        return new NodeConfiguration(SSH_KEY, List.of(new SeedReconfiguration.ServerSshKey("ssh_host_ed25519_key",
                "-----BEGIN OPENSSH PRIVATE KEY-----\nhostkey\n-----END OPENSSH PRIVATE KEY-----\n")),
                "server 192.168.122.1 iburst\n", LinkedHashMap.of("br-ex.nmconnection", "[connection]\nid=br-ex\n"),
                Option.some("# LVM system devices\n"));
    }
}
