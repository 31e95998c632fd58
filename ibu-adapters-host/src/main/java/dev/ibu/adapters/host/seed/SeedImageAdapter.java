package dev.ibu.adapters.host.seed;

import dev.ibu.adapters.host.support.Json;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.process.HostCommandException;
import dev.ibu.ports.out.ClusterInfo;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.SeedImageInfo;
import dev.ibu.ports.out.SeedImagePort;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@link SeedImagePort} with {@code skopeo inspect}: labels without pulling (host-and-image.md §2 rows 5-6), and the
 * architectures the seed is built for: {@code skopeo inspect --raw} tells a manifest list (its entries' architectures)
 * from a single image (its OCI config's {@code architecture}, which {@code skopeo inspect} shows).
 */
public final class SeedImageAdapter implements SeedImagePort {

    private final SkopeoClient skopeo;
    private final HostLayout layout;
    private final Supplier<String> nodeArchitecture;

    /** The node's architecture from {@code uname -m} run locally (tests, local mode). */
    public SeedImageAdapter(SkopeoClient skopeo, HostLayout layout) {
        this(skopeo, layout, NodeArchitecture.fromHost(dev.ibu.adapters.host.process.ProcessRunner.local()));
    }

    /** @param nodeArchitecture the node's GOARCH name ({@link NodeArchitecture#fromHost} on a node) */
    public SeedImageAdapter(SkopeoClient skopeo, HostLayout layout, Supplier<String> nodeArchitecture) {
        this.skopeo = skopeo;
        this.layout = layout;
        this.nodeArchitecture = nodeArchitecture;
    }

    @Override
    public Either<PortFailure, String> nodeArchitecture() {
        try {
            return Either.right(nodeArchitecture.get());
        } catch (RuntimeException e) {
            return Either.left(PortFailure.transientFailure("cannot tell the node's CPU architecture (uname -m): "
                + e.getMessage()));
        }
    }

    @Override
    public Either<PortFailure, SeedImageInfo> inspect(String image, Option<PullSecret> pullSecret) {
        Either<PortFailure, String> node = nodeArchitecture();
        if (node.isLeft()) {
            return Either.left(node.getLeft());
        }
        JsonNode out;
        List<String> architectures;
        try (AuthFile auth = AuthFile.write(pullSecret.toJavaOptional(), layout.workRoot().resolve("ibu-auth"))) {
            Optional<java.util.List<String>> listed = ManifestPlatforms.listedArchitectures(
                skopeo.rawManifest(image, auth.path()));
            if (listed.isPresent() && !listed.get().isEmpty()) {
                // the labels of the node's entry, or of the first one when it has none (the engine then refuses it)
                String pick = listed.get().contains(node.get()) ? node.get() : listed.get().get(0);
                out = skopeo.inspect(image, auth.path(), Optional.of(pick));
                architectures = List.ofAll(listed.get());
            } else {
                out = skopeo.inspect(image, auth.path(), Optional.of(node.get()));
                String a = out.path("Architecture").asString("");
                architectures = a.isEmpty() ? List.empty() : List.of(a);
            }
        } catch (HostCommandException e) {
            return Either.left(classify(image, e));
        } catch (RuntimeException e) {
            return Either.left(PortFailure.transientFailure("failed to inspect image: " + e.getMessage()));
        }
        return labels(image, out).map(info -> info.withArchitectures(architectures));
    }

    private static Either<PortFailure, SeedImageInfo> labels(String image, JsonNode out) {
        Map<String, String> labels = LinkedHashMap.empty();
        for (var it = out.path("Labels").properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            labels = labels.put(e.getKey(), e.getValue().asString(""));
        }
        Option<String> info = labels.get(SeedImageInfo.CLUSTER_INFO_LABEL);
        if (info.isEmpty()) {
            return Either.right(new SeedImageInfo(labels, labels.get(SeedImageInfo.FORMAT_VERSION_LABEL), Option.none()));
        }
        try {
            ClusterInfo ci = toClusterInfo(Json.MAPPER.readValue(info.get(), SeedClusterInfo.class));
            return Either.right(new SeedImageInfo(labels, labels.get(SeedImageInfo.FORMAT_VERSION_LABEL), Option.some(ci)));
        } catch (JacksonException e) {
            return Either.left(PortFailure.invalid("seed image " + image + " has an invalid "
                + SeedImageInfo.CLUSTER_INFO_LABEL + " label (" + e.getOriginalMessage()
                + "); build a new image using the latest version of the lca-cli"));
        }
    }

    static PortFailure classify(String image, HostCommandException e) {
        String err = e.stderr();
        String msg = "failed to inspect image: " + e.getMessage();
        if (err.contains("manifest unknown") || err.contains("name unknown") || err.contains("not found")) {
            return PortFailure.notFound(msg + "; check spec.seedImageRef.image (" + image + ")");
        }
        if (err.contains("unauthorized") || err.contains("authentication required") || err.contains("denied")) {
            return PortFailure.invalid(msg + "; check spec.seedImageRef.pullSecretRef grants read access to " + image);
        }
        return PortFailure.transientFailure(msg);
    }

    public static ClusterInfo toClusterInfo(SeedClusterInfo s) {
        Option<SeedClusterInfo.TrustBundle> tb = Option.of(s.additionalTrustBundle());
        return new ClusterInfo(s.ocpVersion() == null ? "" : s.ocpVersion(), s.hasProxy(), s.hasFips(),
            tb.map(SeedClusterInfo.TrustBundle::hasUserCaBundle),
            tb.map(SeedClusterInfo.TrustBundle::proxyConfigmapName),
            Option.of(s.containerStorageMountpointTarget()).filter(x -> !x.isEmpty()));
    }

    /**
     * The upstream format check (host-and-image.md §2 row 6): the label must be present and exactly "4".
     * Empty when compatible.
     */
    public static Optional<String> formatVersionError(SeedImageInfo info) {
        if (info.formatVersion().isEmpty()) {
            return Optional.of("seed image is missing the " + SeedImageInfo.FORMAT_VERSION_LABEL
                + " label, please build a new image using the latest version of the lca-cli");
        }
        String v = info.formatVersion().get();
        if (!SeedImageInfo.SUPPORTED_FORMAT_VERSION.equals(v)) {
            return Optional.of("seed image format version mismatch: expected "
                + SeedImageInfo.SUPPORTED_FORMAT_VERSION + ", got " + v);
        }
        return Optional.empty();
    }
}
