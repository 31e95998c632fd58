package dev.ibu.rehearsal;

import dev.ibu.ports.out.NodeConfiguration;
import dev.ibu.ports.testkit.ClusterConfigSamples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node files of {@code local --host=ostree}: the sample node's authorized keys, SSH host key, chrony
 * configuration, a NetworkManager connection and the LVM devices file, laid out under a directory as RHCOS has them.
 */
final class RehearsalNode {
    private RehearsalNode() {
    }

    static Path write(Path root) throws IOException {
        NodeConfiguration node = ClusterConfigSamples.node();
        put(root.resolve("home/core/.ssh/authorized_keys.d/ignition"), node.sshKey());
        for (var k : node.serverSshKeys()) {
            put(root.resolve("etc/ssh").resolve(k.fileName()), k.content());
        }
        put(root.resolve("etc/chrony.conf"), node.chronyConfig());
        for (var c : node.networkConnections()) {
            put(root.resolve("etc/NetworkManager/system-connections").resolve(c._1), c._2);
        }
        for (String d : node.lvmDevices()) {
            put(root.resolve("etc/lvm/devices/system.devices"), d);
        }
        return root;
    }

    private static void put(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
