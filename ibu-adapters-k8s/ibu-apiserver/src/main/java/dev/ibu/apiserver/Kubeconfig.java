package dev.ibu.apiserver;

import dev.ibu.apiserver.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** A kubeconfig for one identity, readable only by its owner (it holds a bearer token). */
final class Kubeconfig {
    private Kubeconfig() {
    }

    static Path write(Path path, String server, Optional<String> caPem, Identity identity, String token) {
        ObjectNode config = Json.object().put("apiVersion", "v1").put("kind", "Config");
        ObjectNode cluster = config.putArray("clusters").addObject().put("name", "ibu-local").putObject("cluster");
        cluster.put("server", server);
        caPem.ifPresent(pem -> cluster.put("certificate-authority-data",
                Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))));
        config.putArray("contexts").addObject().put("name", "ibu-local").putObject("context")
                .put("cluster", "ibu-local").put("user", identity.user());
        config.put("current-context", "ibu-local");
        config.putArray("users").addObject().put("name", identity.user()).putObject("user").put("token", token);
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.deleteIfExists(path);
            try {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(path);
            }
            Files.writeString(path, Json.YAML.writeValueAsString(config));
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + path, e);
        }
    }
}
