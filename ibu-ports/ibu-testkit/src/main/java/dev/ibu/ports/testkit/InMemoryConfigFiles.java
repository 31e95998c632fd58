package dev.ibu.ports.testkit;

import dev.ibu.ports.out.ClusterConfigFilesPort;
import dev.ibu.ports.out.ClusterConfiguration;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.NodeConfiguration;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The node's side of the carried-over configuration ({@link ClusterConfigFilesPort}) on the in-memory host: the
 * node's files are {@link #setNode set} (without an SSH key, readNode is NotFound as on a node without
 * {@code /home/core/.ssh/authorized_keys.d/ignition}); what is saved lives in the stateroot (gone with it, NotFound
 * when the stateroot does not exist) and loads back in byte-wise file-name order.
 */
public final class InMemoryConfigFiles implements ClusterConfigFilesPort {
    /** One mapper for the class: building one costs more than the MachineConfigs it writes. */
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();
    static final String SSH_KEY_FILE = "/home/core/.ssh/authorized_keys.d/ignition";

    private final InMemoryHost host;
    private final Faults faults;
    private NodeConfiguration node = ClusterConfigSamples.node();

    InMemoryConfigFiles(InMemoryHost host, Faults faults) {
        this.host = host;
        this.faults = faults;
    }

    public InMemoryConfigFiles setNode(NodeConfiguration n) {
        synchronized (host) {
            node = Objects.requireNonNull(n);
        }
        return this;
    }

    /** What is saved in the stateroot, read without counting a port call. */
    public Option<ClusterConfiguration> saved(String stateroot) {
        synchronized (host) {
            StaterootDir d = host.host.dirs.get(stateroot);
            return d == null ? Option.none() : d.clusterConfig;
        }
    }

    @Override
    public Either<PortFailure, NodeConfiguration> readNode() {
        return faults.guard(Op.CONFIG_FILES_READ_NODE, () -> {
            synchronized (host) {
                return node.sshKey().isEmpty()
                        ? Either.left(PortFailure.notFound("failed to read sshKey: " + SSH_KEY_FILE + " does not exist; "
                        + "the machine-config daemon writes it from the cluster's SSH MachineConfigs"))
                        : Either.right(node);
            }
        });
    }

    @Override
    public Either<PortFailure, Void> save(String stateroot, ClusterConfiguration config) {
        Objects.requireNonNull(config);
        return faults.guard(Op.CONFIG_FILES_SAVE, () -> {
            synchronized (host) {
                StaterootDir d = host.host.dirs.get(stateroot);
                if (d == null) {
                    return Either.left(PortFailure.notFound("stateroot " + stateroot + " does not exist: cannot write "
                            + "/var/opt/openshift/cluster-configuration into it"));
                }
                d.clusterConfig = Option.some(config);
                return Either.right(null);
            }
        });
    }

    @Override
    public Either<PortFailure, Option<ExportBundle>> loadManifests(String stateroot) {
        return faults.guard(Op.CONFIG_FILES_LOAD, () -> Either.right(saved(stateroot).map(c -> new ExportBundle(
                LinkedHashMap.ofEntries(c.manifests().files().merge(sshMachineConfigs(c.seedReconfiguration()
                        .sshKey())).toList().sortBy((a, b) -> bytewise(a._1, b._1), t -> t))))));
    }

    @Override
    public Either<PortFailure, Void> discard(String stateroot) {
        return faults.guard(Op.CONFIG_FILES_DISCARD, () -> {
            synchronized (host) {
                StaterootDir d = host.host.dirs.get(stateroot);
                if (d != null) {
                    d.clusterConfig = Option.none();
                }
                return Either.right(null);
            }
        });
    }

    /** What the host adapter writes next to the manifests: upstream's 99-<role>-ssh MachineConfigs (none without a key). */
    public static LinkedHashMap<String, String> sshMachineConfigs(String sshKey) {
        LinkedHashMap<String, String> files = LinkedHashMap.empty();
        if (sshKey.isEmpty()) {
            return files;
        }
        tools.jackson.databind.json.JsonMapper json = JSON;
        for (String role : new String[] {"master", "worker"}) {
            var user = java.util.Map.of("name", "core", "sshAuthorizedKeys", java.util.List.of(sshKey));
            var config = java.util.Map.of("ignition", java.util.Map.of("version", "3.2.0"), "passwd",
                    java.util.Map.of("users", java.util.List.of(user)));
            var meta = java.util.Map.of("name", "99-" + role + "-ssh", "labels",
                    java.util.Map.of("machineconfiguration.openshift.io/role", role));
            var mc = java.util.Map.of("apiVersion", "machineconfiguration.openshift.io/v1", "kind", "MachineConfig",
                    "metadata", meta, "spec", java.util.Map.of("config", config));
            files = files.put("99-" + role + "-ssh.json", json.writeValueAsString(mc));
        }
        return files;
    }

    /** The order of upstream's directory listing: names compared as UTF-8 bytes. */
    static int bytewise(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
