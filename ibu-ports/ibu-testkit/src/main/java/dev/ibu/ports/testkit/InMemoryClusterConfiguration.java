package dev.ibu.ports.testkit;

import dev.ibu.ports.out.ClusterConfigPort;
import dev.ibu.ports.out.ClusterConfiguration;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.Objects;

/**
 * The cluster's side of the carried-over configuration ({@link ClusterConfigPort}), as strict as the k8s adapter:
 * {@link #gather} answers the configuration set with {@link #set} unless a required object was {@link #remove}d
 * (NotFound naming it); {@link #apply} first deletes the mirror configuration and catalog sources the seed brought,
 * then reads each file as JSON (an object, or a List applied item by item) and applies it in order, refusing
 * (Terminal) an object without apiVersion, kind or name, of a kind not {@link #serve served}, or one named with
 * {@link #refuse}. What it applied is {@link #applied()}.
 */
public final class InMemoryClusterConfiguration implements ClusterConfigPort {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** The kinds a cluster with mirror configuration, LSO and cert-manager serves. */
    public static final Set<String> DEFAULT_SERVED = HashSet.of("ImageDigestMirrorSet", "ImageContentSourcePolicy",
            "LocalVolume", "StorageClass", "Namespace", "Secret", "MachineConfig");

    /** Deleted before an apply: the seed's mirror configuration and catalog sources are not this cluster's. */
    static final List<String> SEED_KINDS = List.of("ImageContentSourcePolicy", "ImageDigestMirrorSet", "CatalogSource");

    private final Faults faults;
    private ClusterConfiguration config = ClusterConfigSamples.fromCluster();
    private Option<String> missing = Option.none();
    private Set<String> served = DEFAULT_SERVED;
    private Set<String> refused = HashSet.empty();
    private List<String> applied = List.empty();
    private Set<String> objects = HashSet.empty();
    private int seedMirrorsDeleted;

    InMemoryClusterConfiguration(Faults faults) {
        this.faults = Objects.requireNonNull(faults);
    }

    public synchronized InMemoryClusterConfiguration set(ClusterConfiguration c) {
        config = Objects.requireNonNull(c);
        return this;
    }

    /** Makes a required object absent, e.g. {@code Secret openshift-config/pull-secret}. */
    public synchronized InMemoryClusterConfiguration remove(String object) {
        missing = Option.some(object);
        return this;
    }

    public synchronized InMemoryClusterConfiguration serve(Set<String> kinds) {
        served = kinds;
        return this;
    }

    /** The API server refuses the object {@code Kind/name} (an admission webhook, a schema error). */
    public synchronized InMemoryClusterConfiguration refuse(String kindSlashName) {
        refused = refused.add(kindSlashName);
        return this;
    }

    /** {@code Kind/name} of every object applied, in order. */
    public synchronized List<String> applied() {
        return applied;
    }

    /** An object the seed brought (e.g. {@code ImageDigestMirrorSet/seed-mirror}), or that exists anyway. */
    public synchronized InMemoryClusterConfiguration addObject(String kindSlashName) {
        objects = objects.add(kindSlashName);
        return this;
    }

    /** Whether {@code Kind/name} exists in the cluster now. */
    public synchronized boolean exists(String kindSlashName) {
        return objects.contains(kindSlashName);
    }

    /** How many times the seed's ICSPs, IDMSs and CatalogSources were deleted before an apply. */
    public synchronized int seedMirrorDeletions() {
        return seedMirrorsDeleted;
    }

    @Override
    public Either<PortFailure, ClusterConfiguration> gather() {
        return faults.guard(Op.CLUSTER_CONFIG_GATHER, () -> {
            synchronized (this) {
                return missing.isDefined()
                        ? Either.left(PortFailure.notFound(missing.get() + " not found: the cluster configuration "
                        + "cannot be carried over without it; re-create it"))
                        : Either.right(config);
            }
        });
    }

    @Override
    public Either<PortFailure, Void> apply(ExportBundle manifests) {
        Objects.requireNonNull(manifests);
        return faults.guard(Op.CLUSTER_CONFIG_APPLY, () -> {
            synchronized (this) {
                seedMirrorsDeleted++;
                objects = objects.filter(o -> !SEED_KINDS.exists(k -> o.startsWith(k + "/")));
                for (var file : manifests.files()) {
                    Either<PortFailure, Void> r = applyFile(file._1, file._2);
                    if (r.isLeft()) {
                        return r;
                    }
                }
                return Either.right(null);
            }
        });
    }

    private Either<PortFailure, Void> applyFile(String name, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            return Either.left(PortFailure.terminal("file " + name + " is not JSON: " + e.getOriginalMessage()));
        }
        boolean isList = root.has("items");
        List<JsonNode> items = isList ? List.ofAll(root.get("items")) : List.of(root);
        for (int i = 0; i < items.size(); i++) {
            JsonNode o = items.get(i);
            String origin = "file " + name + (isList ? " item " + (i + 1) : "");
            String kind = o.path("kind").asString("");
            String objectName = o.path("metadata").path("name").asString("");
            if (o.path("apiVersion").asString("").isEmpty() || kind.isEmpty() || objectName.isEmpty()) {
                return Either.left(PortFailure.terminal("an object without apiVersion, kind or metadata.name ("
                        + origin + ")"));
            }
            if (!served.contains(kind)) {
                return Either.left(PortFailure.terminal(kind + "[" + objectName + "] - CRD not deployed on cluster ("
                        + origin + ")"));
            }
            if (refused.contains(kind + "/" + objectName)) {
                return Either.left(PortFailure.terminal("failed to create manifest " + kind + " called " + objectName
                        + ": admission refused it (" + origin + ")"));
            }
            applied = applied.append(kind + "/" + objectName);
            objects = objects.add(kind + "/" + objectName);
        }
        return Either.right(null);
    }
}
