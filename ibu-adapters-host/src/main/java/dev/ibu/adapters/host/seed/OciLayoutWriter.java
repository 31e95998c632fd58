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
        writeImage(refName, layer, labels, created, "amd64");
    }

    /** One image for {@code architecture} (GOARCH name) as the layout's only entry, named {@code refName}. */
    void writeImage(String refName, Layer layer, Map<String, String> labels, Instant created, String architecture)
        throws IOException {
        Blob man = manifest(layer, labels, created, architecture);
        ObjectNode index = Json.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode m = index.putArray("manifests").addObject();
        descriptor(m, MANIFEST, man.digest, man.size);
        m.putObject("annotations").put("org.opencontainers.image.ref.name", refName);
        Files.writeString(dir.resolve("index.json"), Json.MAPPER.writeValueAsString(index));
    }

    /**
     * A manifest list (OCI image index) named {@code refName} with one image per architecture, all of the same layer:
     * what a multi-arch build pushes ({@code skopeo copy --all} copies it whole).
     */
    void writeManifestList(String refName, Layer layer, Map<String, String> labels, Instant created,
                           java.util.List<String> architectures) throws IOException {
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("schemaVersion", 2);
        list.put("mediaType", INDEX);
        var entries = list.putArray("manifests");
        for (String arch : architectures) {
            Blob man = manifest(layer, labels, created, arch);
            ObjectNode e = entries.addObject();
            descriptor(e, MANIFEST, man.digest, man.size);
            e.putObject("platform").put("architecture", arch).put("os", "linux");
        }
        Blob listBlob = blob(Json.MAPPER.writeValueAsString(list));
        ObjectNode index = Json.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode m = index.putArray("manifests").addObject();
        descriptor(m, INDEX, listBlob.digest, listBlob.size);
        m.putObject("annotations").put("org.opencontainers.image.ref.name", refName);
        Files.writeString(dir.resolve("index.json"), Json.MAPPER.writeValueAsString(index));
    }

    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";

    private Blob manifest(Layer layer, Map<String, String> labels, Instant created, String architecture)
        throws IOException {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("architecture", architecture);
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
        manifest.put("mediaType", MANIFEST);
        descriptor(manifest.putObject("config"), "application/vnd.oci.image.config.v1+json", cfg.digest, cfg.size);
        descriptor(manifest.putArray("layers").addObject(), "application/vnd.oci.image.layer.v1.tar+gzip",
            layer.digest(), layer.size());
        return blob(Json.MAPPER.writeValueAsString(manifest));
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
