package dev.ibu.adapters.k8s.manifests;

import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.adapters.k8s.Kinds;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.Map;

/**
 * Applies the carried-over cluster configuration after the pivot as upstream's {@code lca-cli post-pivot} does:
 * every ImageContentSourcePolicy, ImageDigestMirrorSet and CatalogSource the seed brought is deleted first (kinds not
 * served are skipped), then each file, in the given order, object by object (one object, several documents, or a
 * List's items), with {@link ManifestApplier} (create, or replace with the live resourceVersion). The first failure
 * stops: Terminal when refused (400/422) or the kind is not served, Transient otherwise. Logs name objects only.
 */
public final class CarriedManifestsApply {
    private static final Logger LOG = LoggerFactory.getLogger(CarriedManifestsApply.class);
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    static final List<ResourceDefinitionContext> SEED_KINDS = List.of(
            Kinds.cluster("operator.openshift.io", "v1alpha1", "ImageContentSourcePolicy",
                    "imagecontentsourcepolicies"),
            Kinds.cluster("config.openshift.io", "v1", "ImageDigestMirrorSet", "imagedigestmirrorsets"),
            Kinds.namespaced("operators.coreos.com", "v1alpha1", "CatalogSource", "catalogsources"));

    private final KubernetesClient client;

    public CarriedManifestsApply(KubernetesClient client) {
        this.client = client;
    }

    public Either<PortFailure, Void> apply(ExportBundle files) {
        Either<PortFailure, Void> deleted = deleteSeedMirrors();
        if (deleted.isLeft()) {
            return deleted;
        }
        ManifestApplier applier = new ManifestApplier(client, new RestMapper(client));
        for (var file : files.files()) {
            Either<PortFailure, List<Manifest>> objects = objects(file._1, file._2);
            if (objects.isLeft()) {
                return Either.left(objects.getLeft());
            }
            for (Manifest m : objects.get()) {
                if (isEmpty(m.apiVersion()) || isEmpty(m.kind()) || isEmpty(m.name())) {
                    return Either.left(PortFailure.terminal("an object without apiVersion, kind or metadata.name ("
                            + m.origin() + ")"));
                }
                ManifestApplier.Outcome outcome = applier.apply(m, false);
                if (outcome instanceof ManifestApplier.NotServed) {
                    return Either.left(PortFailure.terminal(m.describe() + " - CRD not deployed on cluster ("
                            + m.origin() + ")"));
                }
                if (outcome instanceof ManifestApplier.Failed f) {
                    String text = "failed to " + f.verb() + " manifest " + m.kind() + " called " + m.name() + ": "
                            + f.cause() + " (" + m.origin() + ")";
                    return Either.left(f.rejected() ? PortFailure.terminal(text) : PortFailure.transientFailure(text));
                }
                LOG.info("{} {} from {}", ((ManifestApplier.Applied) outcome).action(), m.describe(), m.origin());
            }
        }
        return Either.right(null);
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private Either<PortFailure, Void> deleteSeedMirrors() {
        for (ResourceDefinitionContext kind : SEED_KINDS) {
            try {
                var op = client.genericKubernetesResources(kind);
                for (GenericKubernetesResource o : (kind.isNamespaceScoped() ? op.inAnyNamespace().list()
                        : op.list()).getItems()) {
                    var target = kind.isNamespaceScoped() ? op.inNamespace(o.getMetadata().getNamespace()) : op;
                    target.withName(o.getMetadata().getName()).delete();
                    LOG.info("deleted {} {} (the seed's)", kind.getKind(), o.getMetadata().getName());
                }
            } catch (KubernetesClientException e) {
                if (!KubeFailures.isNotFound(e)) {
                    return Either.left(KubeFailures.from("deleting the seed's " + kind.getKind() + "s", e));
                }
            }
        }
        return Either.right(null);
    }

    /** The objects of one file: each document, a List's items one by one; Terminal when the file is not that. */
    @SuppressWarnings("unchecked")
    static Either<PortFailure, List<Manifest>> objects(String name, String text) {
        List<Manifest> out = List.empty();
        try (MappingIterator<Object> docs = YAML.readerFor(Object.class).readValues(text)) {
            int doc = 0;
            while (docs.hasNext()) {
                Object o = docs.next();
                doc++;
                if (o == null) {
                    continue;
                }
                if (!(o instanceof Map)) {
                    return Either.left(PortFailure.terminal("file " + name + " document " + doc + " is not an object"));
                }
                Object items = ((Map<String, Object>) o).get("items");
                if (items instanceof java.util.List) {
                    int i = 0;
                    for (Object item : (java.util.List<Object>) items) {
                        i++;
                        if (!(item instanceof Map)) {
                            return Either.left(PortFailure.terminal("file " + name + " item " + i + " is not an object"));
                        }
                        out = out.append(new Manifest("file " + name + " item " + i, (Map<String, Object>) item));
                    }
                } else {
                    out = out.append(new Manifest("file " + name, (Map<String, Object>) o));
                }
            }
        } catch (JacksonException e) {
            return Either.left(PortFailure.terminal("file " + name + " cannot be read: " + e.getOriginalMessage()));
        }
        return Either.right(out);
    }
}
