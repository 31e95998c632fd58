package dev.ibu.adapters.host.seed;

import dev.ibu.adapters.host.support.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.node.ObjectNode;

/** Writes an OCI image layout (oci-layout, index.json, blobs/sha256) by hand: what podman build would leave. */
final class OciLayoutWriter {

    record Layer(String digest, long size, String diffId) {
    }

    interface TarWriter {
        void write(OutputStream tar) throws IOException;
    }

    private final Path dir;

    OciLayoutWriter(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    /** Streams a tar through gzip into a blob, computing the digest (compressed) and diff_id (uncompressed). */
    Layer writeLayer(TarWriter tar) throws IOException {
        Path tmp = Files.createTempFile(dir, "layer", ".tmp");
        MessageDigest compressed = sha256();
        MessageDigest uncompressed = sha256();
        try (OutputStream file = Files.newOutputStream(tmp);
             DigestOutputStream dc = new DigestOutputStream(file, compressed);
             GZIPOutputStream gz = new GZIPOutputStream(dc, 1 << 16);
             DigestOutputStream du = new DigestOutputStream(gz, uncompressed)) {
            tar.write(du);
        }
        String digest = hex(compressed);
        Files.move(tmp, dir.resolve("blobs/sha256/" + digest), StandardCopyOption.REPLACE_EXISTING);
        return new Layer("sha256:" + digest, Files.size(dir.resolve("blobs/sha256/" + digest)), "sha256:" + hex(uncompressed));
    }

    void writeImage(String refName, Layer layer, Map<String, String> labels, Instant created) throws IOException {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("created", created.toString());
        ObjectNode labelNode = config.putObject("config").putObject("Labels");
        labels.forEach(labelNode::put);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(layer.diffId());
        config.putArray("history").addObject().put("created", created.toString()).put("created_by", "COPY . /");
        Blob cfg = blob(Json.MAPPER.writeValueAsString(config));

        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        descriptor(manifest.putObject("config"), "application/vnd.oci.image.config.v1+json", cfg.digest, cfg.size);
        descriptor(manifest.putArray("layers").addObject(), "application/vnd.oci.image.layer.v1.tar+gzip",
            layer.digest(), layer.size());
        Blob man = blob(Json.MAPPER.writeValueAsString(manifest));

        ObjectNode index = Json.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode m = index.putArray("manifests").addObject();
        descriptor(m, "application/vnd.oci.image.manifest.v1+json", man.digest, man.size);
        m.putObject("annotations").put("org.opencontainers.image.ref.name", refName);
        Files.writeString(dir.resolve("index.json"), Json.MAPPER.writeValueAsString(index));
    }

    private record Blob(String digest, long size) {
    }

    private Blob blob(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        MessageDigest md = sha256();
        String hex = HexFormat.of().formatHex(md.digest(bytes));
        Files.write(dir.resolve("blobs/sha256/" + hex), bytes);
        return new Blob("sha256:" + hex, bytes.length);
    }

    private static void descriptor(ObjectNode n, String mediaType, String digest, long size) {
        n.put("mediaType", mediaType);
        n.put("digest", digest);
        n.put("size", size);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }
}
