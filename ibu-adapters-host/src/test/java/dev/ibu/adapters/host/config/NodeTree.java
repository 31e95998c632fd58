package dev.ibu.adapters.host.config;

import dev.ibu.ports.out.NodeConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: lays a node's files out under a root as RHCOS has them (an empty SSH key: the file is absent). */
public final class NodeTree {
    private NodeTree() {
    }

    public static void write(Path root, NodeConfiguration node) {
        try {
            if (Files.exists(root)) {
                dev.ibu.adapters.host.support.AtomicFiles.deleteTree(root);
            }
            Files.createDirectories(root.resolve("etc/ssh"));
            if (!node.sshKey().isEmpty()) {
                put(root.resolve(NodeFiles.SSH_KEY_FILE), node.sshKey());
            }
            put(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin no\n");
            for (var k : node.serverSshKeys()) {
                put(root.resolve(NodeFiles.SSH_DIR).resolve(k.fileName()), k.content());
            }
            if (!node.chronyConfig().isEmpty()) {
                put(root.resolve(NodeFiles.CHRONY), node.chronyConfig());
            }
            for (var c : node.networkConnections()) {
                put(root.resolve(NodeFiles.CONNECTIONS).resolve(c._1), c._2);
            }
            for (String d : node.lvmDevices()) {
                put(root.resolve(NodeFiles.LVM_DEVICES), d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
