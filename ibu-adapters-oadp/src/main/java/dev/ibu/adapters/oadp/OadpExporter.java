package dev.ibu.adapters.oadp;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Either;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What must cross the pivot for the restores: the DataProtectionApplication, the Secrets its locations use, and
 * the Restore CRs grouped by wave. Bundle layout (upstream's {@code /opt/OADP} with the restore groups at the top,
 * as {@link ExportBundle} wants the wave group first): {@code dpa/<name>.yaml}, {@code secret/<name>.yaml},
 * {@code <group>/<index>_<name>_<namespace>.yaml} (group and index 1-based, consecutive).
 */
final class OadpExporter {
    static final String DPA_DIR = "dpa/";
    static final String SECRET_DIR = "secret/";
    private static final String CONFIG = "failed to export OADP configuration: ";
    private static final String RESTORES = "failed to export restores: ";

    private final OadpCluster cluster;
    private final OadpContentReader reader;

    OadpExporter(OadpCluster cluster) {
        this.cluster = cluster;
        this.reader = new OadpContentReader(cluster);
    }

    Either<PortFailure, ExportBundle> export(List<ConfigMapRef> refs) {
        return configuration().flatMap(config -> restores(refs).map(r -> new ExportBundle(config.merge(r))));
    }

    private Either<PortFailure, Map<String, String>> configuration() {
        Either<ApiError, List<GenericKubernetesResource>> dpas =
                cluster.list(VeleroKinds.DPA, OadpNames.OADP_NAMESPACE, java.util.Map.of());
        if (dpas.isLeft()) {
            // no DPA kind means OADP is not installed: nothing to carry, as upstream
            return dpas.getLeft().notFound() ? Either.right(LinkedHashMap.empty())
                    : Either.left(PortFailure.transientFailure(CONFIG + "failed to list dpa: " + dpas.getLeft()));
        }
        if (dpas.get().isEmpty()) {
            return Either.right(LinkedHashMap.empty());
        }
        if (dpas.get().size() > 1) {
            return Either.left(PortFailure.invalid(CONFIG
                    + "Only one DataProtectionApplication CR is allowed in the " + OadpNames.OADP_NAMESPACE));
        }
        GenericKubernetesResource dpa = dpas.get().get(0);
        Map<String, String> files = LinkedHashMap.of(DPA_DIR + dpa.getMetadata().getName() + ".yaml",
                Json.yaml(VeleroResources.portable(dpa, false)));
        for (String name : credentialSecrets(dpa)) {
            Either<ApiError, Secret> secret = ApiError.call(() ->
                    cluster.client().secrets().inNamespace(OadpNames.OADP_NAMESPACE).withName(name).get());
            if (secret.isLeft() || secret.get() == null) {
                String why = secret.isLeft() ? secret.getLeft().message() : "secrets \"" + name + "\" not found";
                return Either.left(PortFailure.transientFailure(CONFIG + "failed to get storageSecret: " + why));
            }
            files = files.put(SECRET_DIR + name + ".yaml", Json.yaml(portableSecret(secret.get())));
        }
        return Either.right(files);
    }

    /**
     * Names in {@code spec.backupLocations[].velero.credential.name} and, unlike upstream (which drops them),
     * {@code spec.snapshotLocations[].velero.credential.name}; entries without them are skipped.
     */
    static Set<String> credentialSecrets(GenericKubernetesResource dpa) {
        Set<String> names = new LinkedHashSet<>();
        java.util.Map<String, Object> spec = VeleroCr.map(dpa.getAdditionalProperties().get("spec"));
        for (String locations : List.of("backupLocations", "snapshotLocations")) {
            if (spec.get(locations) instanceof List<?> list) {
                for (Object location : list) {
                    Object name = VeleroCr.map(VeleroCr.map(VeleroCr.map(location).get("velero")).get("credential"))
                            .get("name");
                    if (name instanceof String s && !s.isEmpty()) {
                        names.add(s);
                    }
                }
            }
        }
        return names;
    }

    private static java.util.Map<String, Object> portableSecret(Secret secret) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("apiVersion", "v1");
        map.put("kind", "Secret");
        java.util.Map<String, Object> meta = new java.util.LinkedHashMap<>();
        meta.put("name", secret.getMetadata().getName());
        meta.put("namespace", secret.getMetadata().getNamespace());
        if (secret.getMetadata().getLabels() != null && !secret.getMetadata().getLabels().isEmpty()) {
            meta.put("labels", secret.getMetadata().getLabels());
        }
        map.put("metadata", meta);
        if (secret.getType() != null) {
            map.put("type", secret.getType());
        }
        map.put("data", secret.getData() == null ? java.util.Map.of() : secret.getData());
        return map;
    }

    private Either<PortFailure, Map<String, String>> restores(List<ConfigMapRef> refs) {
        Either<OadpContentReader.Problem, List<VeleroCr>> content = reader.read(refs);
        if (content.isLeft()) {
            OadpContentReader.Problem p = content.getLeft();
            if (p instanceof OadpContentReader.Problem.Undecodable u) {
                return Either.left(PortFailure.invalid(RESTORES + "failed to get restore CR from configmaps: " + u.message()));
            }
            String why = p instanceof OadpContentReader.Problem.Missing m ? m.apiText()
                    : ((OadpContentReader.Problem.Unreadable) p).error().message();
            return Either.left(PortFailure.transientFailure(RESTORES + "failed to get configMaps: " + why));
        }
        Either<String, List<List<VeleroCr>>> groups =
                ApplyWave.group(OadpContentReader.restores(content.get()), VeleroCr::name, VeleroCr::annotations);
        if (groups.isLeft()) {
            return Either.left(PortFailure.invalid(RESTORES + "failed to sort restore CRs: " + groups.getLeft()));
        }
        Map<String, String> files = LinkedHashMap.empty();
        for (int g = 0; g < groups.get().size(); g++) {
            List<VeleroCr> group = groups.get().get(g);
            for (int i = 0; i < group.size(); i++) {
                VeleroCr r = group.get(i);
                String file = (g + 1) + "/" + (i + 1) + "_" + r.name() + "_" + r.namespace() + ".yaml";
                files = files.put(file, Json.yaml(r.document()));
            }
        }
        return Either.right(files);
    }
}
