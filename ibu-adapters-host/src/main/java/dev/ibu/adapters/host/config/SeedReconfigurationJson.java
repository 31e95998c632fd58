package dev.ibu.adapters.host.config;

import dev.ibu.adapters.host.support.Json;
import dev.ibu.ports.out.SeedReconfiguration;
import dev.ibu.ports.out.SeedReconfiguration.Proxy;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link SeedReconfiguration} as upstream's {@code api/seedreconfig} marshals it (the seed's {@code lca-cli
 * post-pivot} reads this file): the same keys in the same order, {@code omitempty} fields left out when empty, the
 * untagged {@code KubeconfigCryptoRetention} structs under their Go names (including upstream's
 * {@code IngresssCrypto}), {@code additionalTrustBundle} always present.
 */
final class SeedReconfigurationJson {
    private SeedReconfigurationJson() {
    }

    static String write(SeedReconfiguration s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("api_version", SeedReconfiguration.API_VERSION);
        put(o, "base_domain", s.baseDomain());
        put(o, "cluster_name", s.clusterName());
        put(o, "cluster_id", s.clusterId());
        put(o, "infra_id", s.infraId());
        strings(o, "node_ips", s.nodeIps());
        put(o, "release_registry", s.releaseRegistry());
        put(o, "hostname", s.hostname());
        SeedReconfiguration.KubeconfigCrypto c = s.kubeconfigCryptoRetention();
        ObjectNode retention = o.putObject("KubeconfigCryptoRetention");
        ObjectNode kubeApi = retention.putObject("KubeAPICrypto");
        ObjectNode serving = kubeApi.putObject("ServingCrypto");
        put(serving, "localhost_signer_private_key", c.localhostSignerKey());
        put(serving, "service_network_signer_private_key", c.serviceNetworkSignerKey());
        put(serving, "loadbalancer_external_signer_private_key", c.loadbalancerSignerKey());
        put(kubeApi.putObject("ClientAuthCrypto"), "admin_ca_certificate", c.adminCaCertificate());
        ObjectNode ingress = retention.putObject("IngresssCrypto");
        put(ingress, "ingress_ca", c.ingressCaKey());
        put(ingress, "ingress_certificate_cn", c.ingressCertificateCn());
        put(o, "ssh_key", s.sshKey());
        if (!s.serverSshKeys().isEmpty()) {
            ArrayNode keys = o.putArray("server_ssh_keys");
            s.serverSshKeys().forEach(k -> keys.addObject().put("file_name", k.fileName())
                    .put("file_content", k.content()));
        }
        put(o, "kubeadmin_password_hash", s.kubeadminPasswordHash());
        put(o, "pull_secret", s.pullSecret());
        strings(o, "machine_networks", s.machineNetworks());
        s.proxy().forEach(p -> proxy(o.putObject("proxy"), p));
        s.statusProxy().forEach(p -> proxy(o.putObject("status_proxy"), p));
        put(o, "install_config", s.installConfig());
        put(o, "chrony_config", s.chronyConfig());
        o.putObject("additionalTrustBundle")
                .put("userCaBundle", s.additionalTrustBundle().userCaBundle())
                .put("proxyConfigmapName", s.additionalTrustBundle().proxyConfigmapName())
                .put("proxyConfigmapBundle", s.additionalTrustBundle().proxyConfigmapBundle());
        if (!s.nodeLabels().isEmpty()) {
            ObjectNode labels = o.putObject("node_labels");
            s.nodeLabels().forEach(labels::put);
        }
        return Json.MAPPER.writeValueAsString(o);
    }

    private static void proxy(ObjectNode o, Proxy p) {
        put(o, "httpProxy", p.httpProxy());
        put(o, "httpsProxy", p.httpsProxy());
        put(o, "noProxy", p.noProxy());
    }

    private static void put(ObjectNode o, String key, String value) {
        if (!value.isEmpty()) {
            o.put(key, value);
        }
    }

    private static void strings(ObjectNode o, String key, io.vavr.collection.List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode a = o.putArray(key);
            values.forEach(a::add);
        }
    }
}
