package dev.ibu.adapters.host.config;

import dev.ibu.adapters.host.support.Json;
import io.vavr.collection.LinkedHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upstream's {@code createSSHKeyMachineConfigs}: {@code 99-master-ssh.json} and {@code 99-worker-ssh.json}, one
 * MachineConfig per role giving the core user the cluster's SSH key, so that the seed's own key is overridden when the
 * manifests are applied after the pivot. Upstream's post-pivot writes them into the manifests directory; we write
 * them with the rest before the pivot, so the directory applied afterwards is the same. None without a key.
 */
final class SshMachineConfigs {
    private SshMachineConfigs() {
    }

    static LinkedHashMap<String, String> files(String sshKey) {
        LinkedHashMap<String, String> files = LinkedHashMap.empty();
        if (sshKey.isEmpty()) {
            return files;
        }
        for (String role : new String[] {"master", "worker"}) {
            ObjectNode mc = Json.MAPPER.createObjectNode();
            mc.put("apiVersion", "machineconfiguration.openshift.io/v1");
            mc.put("kind", "MachineConfig");
            ObjectNode meta = mc.putObject("metadata");
            meta.put("name", "99-" + role + "-ssh");
            meta.putObject("labels").put("machineconfiguration.openshift.io/role", role);
            ObjectNode config = mc.putObject("spec").putObject("config");
            config.putObject("ignition").put("version", "3.2.0");
            config.putObject("passwd").putArray("users").addObject().put("name", "core")
                    .putArray("sshAuthorizedKeys").add(sshKey);
            files = files.put("99-" + role + "-ssh.json", Json.MAPPER.writeValueAsString(mc));
        }
        return files;
    }
}
