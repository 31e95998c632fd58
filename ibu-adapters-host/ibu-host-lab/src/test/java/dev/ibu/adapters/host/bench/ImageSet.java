package dev.ibu.adapters.host.bench;

import dev.ibu.adapters.host.archive.TarPacker;
import dev.ibu.adapters.host.seed.SkopeoClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A realistic precache set for the benchmarks: images of a few shared base layers, shared runtime layers and a small
 * layer of their own each, written as one OCI layout (one tag per image) and pushed to a registry, one repository each.
 */
public final class ImageSet {

    public record Layer(String digest, long size) {
    }

    public record Image(String ref, List<Layer> layers) {
    }

    private final Path oci;
    private final Map<String, Layer> blobs = new LinkedHashMap<>();
    private final List<String> manifests = new ArrayList<>();

    private ImageSet(Path oci) throws IOException {
        this.oci = oci;
        Files.createDirectories(oci.resolve("blobs/sha256"));
        Files.writeString(oci.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    /**
     * {@code images} images in {@code registryHost}/bench/app{i}:1: layer 1 is base {@code i % bases} ({@code baseBytes}),
     * layer 2 runtime {@code i % runtimes} ({@code runtimeBytes}), layer 3 the image's own ({@code appBytes}); contents half
     * random, half zeros.
     */
    public static List<Image> build(Path dir, String registryHost, SkopeoClient skopeo, int images, int bases, int baseBytes,
                             int runtimes, int runtimeBytes, int appBytes) throws IOException {
        ImageSet set = new ImageSet(dir.resolve("oci"));
        List<Layer> base = new ArrayList<>();
        for (int b = 0; b < bases; b++) {
            base.add(set.layer(dir.resolve("l"), "base" + b, baseBytes, 100 + b));
        }
        List<Layer> runtime = new ArrayList<>();
        for (int r = 0; r < runtimes; r++) {
            runtime.add(set.layer(dir.resolve("l"), "runtime" + r, runtimeBytes, 200 + r));
        }
        List<Image> out = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            List<Layer> layers = List.of(base.get(i % bases), runtime.get(i % runtimes),
                set.layer(dir.resolve("l"), "app" + i, appBytes, 1000 + i));
            String tag = "app" + i;
            set.image(tag, layers, i);
            out.add(new Image(registryHost + "/bench/app" + i + ":1", layers));
        }
        set.index();
        for (int i = 0; i < images; i++) {
            skopeo.copy("oci:" + set.oci + ":app" + i, "docker://" + out.get(i).ref(), Optional.empty());
        }
        return out;
    }

    private Layer layer(Path scratch, String name, int bytes, long seed) throws IOException {
        Path root = Files.createDirectories(scratch.resolve(name));
        byte[] data = new byte[bytes];
        byte[] half = new byte[bytes / 2];
        new Random(seed).nextBytes(half);
        System.arraycopy(half, 0, data, 0, half.length);
        Files.createDirectories(root.resolve(name));
        Files.write(root.resolve(name + "/payload"), data);
        Path tmp = oci.resolve("blobs/layer.tmp");
        MessageDigest compressed = sha256();
        MessageDigest uncompressed = sha256();
        try (OutputStream file = Files.newOutputStream(tmp);
             DigestOutputStream c = new DigestOutputStream(file, compressed);
             GZIPOutputStream gz = new GZIPOutputStream(c, 1 << 16);
             DigestOutputStream u = new DigestOutputStream(gz, uncompressed)) {
            new TarPacker(Instant.EPOCH).pack(root, ".", u, n -> true);
        }
        String hex = HexFormat.of().formatHex(compressed.digest());
        long size = Files.size(tmp);
        Files.move(tmp, oci.resolve("blobs/sha256/" + hex));
        Layer l = new Layer("sha256:" + hex, size);
        blobs.put(l.digest(), l);
        diffIds.put(l.digest(), "sha256:" + HexFormat.of().formatHex(uncompressed.digest()));
        return l;
    }

    private final Map<String, String> diffIds = new LinkedHashMap<>();

    private void image(String tag, List<Layer> layers, int i) throws IOException {
        StringBuilder diff = new StringBuilder();
        for (Layer l : layers) {
            diff.append(diff.length() == 0 ? "" : ",").append('"').append(diffIds.get(l.digest())).append('"');
        }
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"1970-01-01T00:00:00Z\",\"config\":{\"Labels\":"
            + "{\"bench\":\"" + i + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diff + "]}}";
        Layer cfg = blob(config);
        StringBuilder ls = new StringBuilder();
        for (Layer l : layers) {
            ls.append(ls.length() == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"").append(l.digest()).append("\",\"size\":").append(l.size()).append('}');
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
            + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + cfg.digest() + "\",\"size\":"
            + cfg.size() + "},\"layers\":[" + ls + "]}";
        Layer m = blob(manifest);
        manifests.add("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + m.digest()
            + "\",\"size\":" + m.size() + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}");
    }

    private Layer blob(String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(sha256().digest(b));
        Files.write(oci.resolve("blobs/sha256/" + hex), b);
        return new Layer("sha256:" + hex, b.length);
    }

    private void index() throws IOException {
        Files.writeString(oci.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", manifests) + "]}");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
