package dev.ibu.adapters.host.config;

import dev.ibu.ports.out.NodeConfiguration;
import dev.ibu.ports.out.SeedReconfiguration.ServerSshKey;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the node's files that travel into the new stateroot, from the node's root as this JVM sees it (upstream
 * {@code FetchClusterConfig}, {@code fetchNetworkConfig}, {@code fetchLvmDevices}). Regular files only: a link is
 * not followed, it is left out.
 */
final class NodeFiles {
    static final String SSH_KEY_FILE = "home/core/.ssh/authorized_keys.d/ignition";
    static final String SSH_DIR = "etc/ssh";
    static final String CHRONY = "etc/chrony.conf";
    static final String CONNECTIONS = "etc/NetworkManager/system-connections";
    static final String LVM_DEVICES = "etc/lvm/devices/system.devices";
    /** Upstream's glob {@code /etc/ssh/ssh_host_*_key*}. */
    private static final Pattern HOST_KEY = Pattern.compile("ssh_host_.*_key.*");

    private final Path nodeRoot;

    NodeFiles(Path nodeRoot) {
        this.nodeRoot = nodeRoot;
    }

    /** The node's files; empty when the core user's authorized keys are absent (the one required file). */
    Option<NodeConfiguration> read() throws IOException {
        Option<String> sshKey = optional(SSH_KEY_FILE);
        if (sshKey.isEmpty()) {
            return Option.none();
        }
        List<ServerSshKey> hostKeys = regularFiles(SSH_DIR).filter(n -> HOST_KEY.matcher(n).matches())
                .map(n -> new ServerSshKey(n, text(nodeRoot.resolve(SSH_DIR).resolve(n))));
        LinkedHashMap<String, String> connections = LinkedHashMap.empty();
        for (String n : regularFiles(CONNECTIONS)) {
            connections = connections.put(n, text(nodeRoot.resolve(CONNECTIONS).resolve(n)));
        }
        return Option.some(new NodeConfiguration(sshKey.get(), hostKeys, optional(CHRONY).getOrElse(""), connections,
                optional(LVM_DEVICES)));
    }

    private Option<String> optional(String rel) throws IOException {
        Path p = nodeRoot.resolve(rel);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return Option.none();
        }
        try {
            return Option.some(Files.readString(p));
        } catch (NoSuchFileException e) {
            return Option.none();
        }
    }

    /** Names of the regular files directly in {@code rel}, sorted as Go's filepath.Glob sorts them. */
    private List<String> regularFiles(String rel) throws IOException {
        Path dir = nodeRoot.resolve(rel);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return List.ofAll(s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).toList()).sorted();
        }
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** The path of a node file for messages, as the node sees it. */
    static String shown(String rel) {
        return "/" + rel;
    }
}
