package dev.ibu.adapters.host.config;

import dev.ibu.adapters.host.support.ContainedPath;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.ports.out.ClusterConfigFilesPort;
import dev.ibu.ports.out.ClusterConfiguration;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.NodeConfiguration;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * {@link ClusterConfigFilesPort} on a real host (oadp-and-manifests.md §4): the node's files from its root, and a
 * stateroot's {@code var/opt/openshift} tree through the sysroot (so the same code writes the new stateroot before
 * the pivot and reads the booted one after it). Nothing on the way is followed if it is a link ({@link PrivateTree}
 * over {@link ContainedPath}), files are 0600 and written atomically, directories 0700. Contents are never logged.
 */
public final class ClusterConfigFilesAdapter implements ClusterConfigFilesPort {
    static final String OPT_OPENSHIFT = "opt/openshift";
    static final String CLUSTER_CONFIG = "cluster-configuration";
    static final String MANIFESTS = "manifests";
    static final String SEED_RECONFIGURATION = "manifest.json";
    static final String CERT_MANAGER_CRYPTO = "certmanager-crypto";
    static final String NETWORK = "network-configuration";
    static final String CONNECTIONS = "system-connections";
    static final String LVM = "lvm-configuration";
    static final String LVM_DEVICES = "system.devices";
    private static final Pattern STATEROOT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final HostLayout layout;
    private final NodeFiles node;

    /** @param nodeRoot the booted node's "/" as this JVM sees it ({@code /host} in the agent's pod) */
    public ClusterConfigFilesAdapter(HostLayout layout, Path nodeRoot) {
        this.layout = layout;
        this.node = new NodeFiles(nodeRoot);
    }

    @Override
    public Either<PortFailure, NodeConfiguration> readNode() {
        return io("read the node's configuration files", () -> node.read()).flatMap(n -> n.toEither(() ->
                PortFailure.notFound("failed to read sshKey: " + NodeFiles.shown(NodeFiles.SSH_KEY_FILE) + " does "
                        + "not exist; the machine-config daemon writes it from the cluster's SSH MachineConfigs "
                        + "(99-master-ssh): check that the node's machine config is applied")));
    }

    @Override
    public Either<PortFailure, Void> save(String stateroot, ClusterConfiguration config) {
        String what = "write the cluster configuration into stateroot " + stateroot;
        if (!exists(stateroot)) {
            return Either.left(PortFailure.notFound("stateroot " + stateroot + " does not exist: cannot write "
                    + "/var/opt/openshift/" + CLUSTER_CONFIG + " into it"));
        }
        return io(what, () -> {
            PrivateTree opt = PrivateTree.in(layout, stateroot, "opt").dir("openshift");
            for (String tree : List.of(CLUSTER_CONFIG, NETWORK, LVM)) {
                opt.delete(tree);
            }
            PrivateTree cluster = opt.dir(CLUSTER_CONFIG);
            cluster.write(SEED_RECONFIGURATION, SeedReconfigurationJson.write(config.seedReconfiguration()));
            writeAll(cluster.dir(MANIFESTS), config.manifests().files()
                    .merge(SshMachineConfigs.files(config.seedReconfiguration().sshKey())));
            if (!config.certManagerKeys().isEmpty()) {
                writeAll(cluster.dir(CERT_MANAGER_CRYPTO), config.certManagerKeys());
            }
            PrivateTree network = opt.dir(NETWORK);
            if (!config.networkConnections().isEmpty()) {
                writeAll(network.dir(CONNECTIONS), config.networkConnections());
            }
            PrivateTree lvm = opt.dir(LVM);
            for (String devices : config.lvmDevices()) {
                lvm.write(LVM_DEVICES, devices);
            }
            return null;
        });
    }

    @Override
    public Either<PortFailure, Option<ExportBundle>> loadManifests(String stateroot) {
        return io("read the cluster configuration manifests of stateroot " + stateroot, () -> {
            if (!exists(stateroot)) {
                return Option.none();
            }
            Option<PrivateTree> dir = PrivateTree.in(layout, stateroot, OPT_OPENSHIFT).existing(CLUSTER_CONFIG)
                    .flatMap(c -> c.existing(MANIFESTS));
            if (dir.isEmpty()) {
                return Option.none();
            }
            LinkedHashMap<String, String> files = LinkedHashMap.empty();
            for (String name : dir.get().fileNames().sorted(ClusterConfigFilesAdapter::bytewise)) {
                files = files.put(name, dir.get().read(name));
            }
            return Option.some(new ExportBundle(files));
        });
    }

    @Override
    public Either<PortFailure, Void> discard(String stateroot) {
        return io("delete the cluster configuration of stateroot " + stateroot, () -> {
            if (exists(stateroot)) {
                Option<PrivateTree> opt = PrivateTree.in(layout, stateroot, "opt").existing("openshift");
                for (PrivateTree o : opt) {
                    for (String tree : List.of(CLUSTER_CONFIG, NETWORK, LVM)) {
                        o.delete(tree);
                    }
                }
            }
            return null;
        });
    }

    private static void writeAll(PrivateTree dir, Map<String, String> files) throws IOException {
        for (var f : files) {
            dir.write(f._1, f._2);
        }
    }

    private boolean exists(String stateroot) {
        if (!STATEROOT.matcher(stateroot).matches()) {
            throw new IllegalArgumentException("invalid stateroot name \"" + stateroot + "\"");
        }
        return Files.isDirectory(layout.staterootVar(stateroot), LinkOption.NOFOLLOW_LINKS);
    }

    static int bytewise(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private interface Body<T> {
        T get() throws Exception;
    }

    /** A link on the way is Invalid (it will not go away on retry); other I/O errors are Transient. */
    private static <T> Either<PortFailure, T> io(String what, Body<T> body) {
        try {
            return Either.right(body.get());
        } catch (ContainedPath.EscapeException | IllegalArgumentException e) {
            return Either.left(PortFailure.invalid("failed to " + what + ": " + e.getMessage()));
        } catch (Exception e) {
            return Either.left(PortFailure.transientFailure("failed to " + what + ": " + e.getMessage()));
        }
    }
}
