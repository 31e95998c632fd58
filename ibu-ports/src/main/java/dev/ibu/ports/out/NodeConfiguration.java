package dev.ibu.ports.out;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * The node's files that travel into the new stateroot (oadp-and-manifests.md §4): the {@code core} user's
 * authorized keys written by the MCO, the SSH host keys, {@code /etc/chrony.conf} (empty when absent), the
 * NetworkManager connection files by name and {@code /etc/lvm/devices/system.devices} when present. It holds private
 * keys: {@link #toString()} names files only.
 */
public record NodeConfiguration(String sshKey, List<SeedReconfiguration.ServerSshKey> serverSshKeys,
                                String chronyConfig, Map<String, String> networkConnections,
                                Option<String> lvmDevices) {
    public static final NodeConfiguration NONE = new NodeConfiguration("", List.empty(), "", LinkedHashMap.empty(),
            Option.none());

    public NodeConfiguration {
        Objects.requireNonNull(sshKey);
        Objects.requireNonNull(serverSshKeys);
        Objects.requireNonNull(chronyConfig);
        Objects.requireNonNull(networkConnections);
        Objects.requireNonNull(lvmDevices);
        networkConnections.keySet().forEach(NodeConfiguration::checkFileName);
    }

    /** Connection files are copied flat into one directory: a name is one path segment. */
    static void checkFileName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
    }

    @Override
    public String toString() {
        return "NodeConfiguration[" + serverSshKeys.size() + " SSH host keys, connections "
                + networkConnections.keySet().toList().sorted() + ", lvm devices " + lvmDevices.isDefined()
                + ", contents redacted]";
    }
}
