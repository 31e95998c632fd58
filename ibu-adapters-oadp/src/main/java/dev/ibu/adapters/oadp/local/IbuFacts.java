package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.ApiError;
import dev.ibu.adapters.oadp.OadpCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Either;

import java.util.Map;
import java.util.Optional;

/** What the local backup needs of the ImageBasedUpgrade {@code upgrade}: its uid, target version, annotations. */
public record IbuFacts(String uid, String seedVersion, Map<String, String> annotations) {
    static final ResourceDefinitionContext IBU = new ResourceDefinitionContext.Builder().withGroup("lca.openshift.io")
            .withVersion("v1").withKind("ImageBasedUpgrade").withPlural("imagebasedupgrades").withNamespaced(false)
            .build();

    public IbuFacts {
        uid = uid == null ? "" : uid;
        seedVersion = seedVersion == null ? "" : seedVersion;
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static Either<ApiError, Optional<IbuFacts>> read(OadpCluster cluster) {
        return cluster.get(IBU, "", "upgrade").map(found -> found.map(IbuFacts::of));
    }

    static IbuFacts of(GenericKubernetesResource r) {
        Object seed = Documents.map(Documents.map(r.getAdditionalProperties().get("spec")).get("seedImageRef")).get("version");
        return new IbuFacts(r.getMetadata().getUid(), seed == null ? "" : seed.toString(), r.getMetadata().getAnnotations());
    }

    /**
     * The per-upgrade directory name: the target version and the start of the IBU's uid (e.g. {@code
     * 4.16.3-1f2e3d4c}), every character outside {@code [A-Za-z0-9.-]} replaced, so it is always a {@link SafeName}.
     */
    public String upgradeKey() {
        String version = seedVersion.replaceAll("[^A-Za-z0-9.-]", "-").replaceAll("\\.\\.+", ".");
        String id = uid.replaceAll("[^A-Za-z0-9]", "");
        String key = (version.isEmpty() ? "upgrade" : version) + (id.isEmpty() ? "" : "-" + id.substring(0, Math.min(8, id.length())));
        key = key.replaceAll("^[^A-Za-z0-9]+", "");
        key = key.length() > 100 ? key.substring(0, 100) : key;
        return SafeName.isSafe(key) ? key : "upgrade";
    }
}
