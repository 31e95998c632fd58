package dev.ibu.adapters.k8s.clusterconfig;

import dev.ibu.adapters.k8s.Json;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.regex.Pattern;

/** The few fields of ConfigMap {@code kube-system/cluster-config-v1} key {@code install-config} that travel. */
record InstallConfig(String text, String baseDomain, String clusterName, List<String> machineNetworks) {
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final Pattern CIDR = Pattern.compile("([0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)/(\\d{1,3})");
    private static final String WHERE = "ConfigMap kube-system/cluster-config-v1 key install-config";

    static InstallConfig parse(String text) {
        Object tree;
        try {
            tree = YAML.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw new SourceFailure(PortFailure.invalid("failed to decode install config (" + WHERE + "): "
                    + e.getOriginalMessage()));
        }
        List<String> networks = List.empty();
        Object entries = Json.at(tree, "networking", "machineNetwork");
        if (entries instanceof java.util.List) {
            for (Object entry : (java.util.List<?>) entries) {
                String cidr = Json.string(entry, "cidr");
                if (cidr == null || !validCidr(cidr)) {
                    throw new SourceFailure(PortFailure.invalid("machineNetwork has an invalid CIDR: " + cidr + " ("
                            + WHERE + ")"));
                }
                networks = networks.append(cidr);
            }
        }
        return new InstallConfig(text, nz(Json.string(tree, "baseDomain")), nz(Json.string(tree, "metadata", "name")),
                networks);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** An IPv4 or IPv6 literal with a prefix length that fits it (never a host name: no DNS lookup). */
    static boolean validCidr(String cidr) {
        var m = CIDR.matcher(cidr);
        if (!m.matches()) {
            return false;
        }
        try {
            byte[] address = java.net.InetAddress.getByName(m.group(1)).getAddress();
            int prefix = Integer.parseInt(m.group(2));
            return prefix <= address.length * 8 && (m.group(1).contains(":") == (address.length == 16));
        } catch (java.net.UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
