package dev.ibu.adapters.k8s.fleet;

import dev.ibu.codec.IbuSpecs;
import dev.ibu.codec.fleet.IbguStatusCodec;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.fleet.SpokeWork;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vavr.control.Either;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ManifestWork for one spoke, as TALM builds it (controllers/utils/manifestworkreplicaset.go): the IBU
 * {@code upgrade} at the action's stage, the ClusterRole aggregated to the work agent so it may manage the IBU, the
 * ConfigMaps and seed pull secret copied from the hub; status feedback by JSONPaths on the IBU's conditions; orphan
 * on delete, so deleting the work never deletes the spoke's IBU. The hub's row rides on an annotation, and a hash of
 * the spec tells whether an update is needed without comparing what the server may have defaulted.
 */
final class WorkManifest {
    static final String IBU_NAME = "upgrade";
    static final String LCA_NAMESPACE = "openshift-lifecycle-agent";
    static final String WORK_ROLE = "open-cluster-management:klusterlet-work:ibu-role";
    static final String ANNOTATION_SPEC_HASH = "ibu.dev/spec-hash";
    static final List<String> CONDITIONS = List.of(ConditionTypes.IDLE, ConditionTypes.PREP_IN_PROGRESS,
            ConditionTypes.PREP_COMPLETED, ConditionTypes.UPGRADE_IN_PROGRESS, ConditionTypes.UPGRADE_COMPLETED,
            ConditionTypes.ROLLBACK_IN_PROGRESS, ConditionTypes.ROLLBACK_COMPLETED);
    static final List<String> FIELDS = List.of("status", "reason", "message");

    private WorkManifest() {
    }

    /** {@code ibgu-<namespace>-<name>}, shortened with a hash when it would pass 253 characters. */
    static String workName(IbguRef ref) {
        String n = "ibgu-" + ref.namespace() + "-" + ref.name();
        return n.length() <= 253 ? n : n.substring(0, 236) + "-" + hash(n).substring(0, 16);
    }

    static String feedbackName(String conditionType, String field) {
        return conditionType + "-" + field;
    }

    static Either<PortFailure, GenericKubernetesResource> build(SpokeWork w, HubInputs inputs) {
        List<Object> manifests = new ArrayList<>();
        manifests.add(ibu(w));
        manifests.add(workRole());
        String ns = w.ibgu().namespace();
        List<ConfigMapRef> refs = new ArrayList<>(w.ibuSpec().oadpContent().toJavaList());
        refs.addAll(w.ibuSpec().extraManifests().toJavaList());
        for (ConfigMapRef ref : refs) {
            Either<PortFailure, List<Map<String, String>>> cm = inputs.configMap(ns, ref.name());
            if (cm.isLeft()) {
                return Either.left(cm.getLeft());
            }
            manifests.add(object("v1", "ConfigMap", ref.name(), ref.namespace(), "data", cm.get().get(0),
                    "binaryData", cm.get().get(1)));
        }
        for (String secret : w.ibuSpec().seedImageRef().pullSecretName()) {
            Either<PortFailure, List<Map<String, String>>> s = inputs.secret(ns, secret);
            if (s.isLeft()) {
                return Either.left(s.getLeft());
            }
            Map<String, Object> o = object("v1", "Secret", secret, LCA_NAMESPACE, "data", s.get().get(0), null, null);
            o.put("type", "kubernetes.io/dockerconfigjson");
            manifests.add(o);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("deleteOption", Map.of("propagationPolicy", "Orphan"));
        spec.put("workload", Map.of("manifests", manifests));
        spec.put("manifestConfigs", List.of(feedbackConfig()));
        Map<String, String> labels = Map.of(HubKinds.LABEL_IBGU_NAMESPACE, w.ibgu().namespace(),
                HubKinds.LABEL_IBGU_NAME, w.ibgu().name());
        Map<String, String> annotations = Map.of(HubKinds.ANNOTATION_ROW, IbguStatusCodec.rowJson(w.row()),
                ANNOTATION_SPEC_HASH, hash(Serialization.asJson(spec)));
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("work.open-cluster-management.io/v1");
        r.setKind("ManifestWork");
        r.setMetadata(new ObjectMetaBuilder().withName(workName(w.ibgu())).withNamespace(w.cluster())
                .withLabels(labels).withAnnotations(annotations).build());
        r.setAdditionalProperty("spec", spec);
        return Either.right(r);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ibu(SpokeWork w) {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = Serialization.unmarshal(Serialization.asJson(IbuSpecs.encode(w.ibuSpec())),
                Map.class);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("stage", w.ibuSpec().stage().wireName());
        s.putAll(spec);
        Map<String, Object> o = object("lca.openshift.io/v1", "ImageBasedUpgrade", IBU_NAME, null, null, null, null,
                null);
        if (!w.ibuAnnotations().isEmpty()) {
            ((Map<String, Object>) o.get("metadata")).put("annotations", w.ibuAnnotations().toJavaMap());
        }
        o.put("spec", s);
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> workRole() {
        Map<String, Object> o = object("rbac.authorization.k8s.io/v1", "ClusterRole", WORK_ROLE, null, null, null,
                null, null);
        ((Map<String, Object>) o.get("metadata")).put("labels",
                Map.of("open-cluster-management.io/aggregate-to-work", "true"));
        o.put("rules", List.of(Map.of("apiGroups", List.of("lca.openshift.io"), "resources",
                List.of("imagebasedupgrades"), "verbs", List.of("get", "list", "watch", "create", "update", "patch",
                        "delete"))));
        return o;
    }

    private static Map<String, Object> feedbackConfig() {
        List<Object> paths = new ArrayList<>();
        for (String type : CONDITIONS) {
            for (String field : FIELDS) {
                paths.add(Map.of("name", feedbackName(type, field),
                        "path", ".status.conditions[?(@.type==\"" + type + "\")]." + field));
            }
        }
        return Map.of("resourceIdentifier", Map.of("group", "lca.openshift.io", "resource", "imagebasedupgrades",
                "name", IBU_NAME), "feedbackRules", List.of(Map.of("type", "JSONPaths", "jsonPaths", paths)));
    }

    private static Map<String, Object> object(String apiVersion, String kind, String name, String namespace,
                                              String k1, Object v1, String k2, Object v2) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", apiVersion);
        o.put("kind", kind);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        o.put("metadata", meta);
        if (k1 != null && v1 != null && !((Map<?, ?>) v1).isEmpty()) {
            o.put(k1, v1);
        }
        if (k2 != null && v2 != null && !((Map<?, ?>) v2).isEmpty()) {
            o.put(k2, v2);
        }
        return o;
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                sb.append(String.format("%02x", d[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
