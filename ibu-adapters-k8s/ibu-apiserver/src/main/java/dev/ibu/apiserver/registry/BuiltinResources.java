package dev.ibu.apiserver.registry;

import java.util.List;
import java.util.Optional;

/** The built-in kinds this server serves: the ones the product and its tests use. */
public final class BuiltinResources {
    private BuiltinResources() {
    }

    private static ResourceType t(String group, String version, String plural, String kind, boolean namespaced,
                                  boolean status, List<String> shortNames, List<String> categories, boolean generation) {
        return new ResourceType(group, version, plural, kind.toLowerCase(), kind, namespaced, shortNames, categories, status,
                generation, Optional.empty());
    }

    public static List<ResourceType> all() {
        List<String> none = List.of();
        return List.of(
                t("", "v1", "namespaces", "Namespace", false, true, List.of("ns"), none, false),
                t("", "v1", "configmaps", "ConfigMap", true, false, List.of("cm"), none, false),
                t("", "v1", "secrets", "Secret", true, false, none, none, false),
                t("", "v1", "events", "Event", true, false, List.of("ev"), none, false),
                t("", "v1", "serviceaccounts", "ServiceAccount", true, false, List.of("sa"), none, false),
                t("", "v1", "nodes", "Node", false, true, List.of("no"), none, false),
                t("", "v1", "pods", "Pod", true, true, List.of("po"), List.of("all"), false),
                t("", "v1", "services", "Service", true, true, List.of("svc"), List.of("all"), false),
                t("", "v1", "persistentvolumes", "PersistentVolume", false, true, List.of("pv"), none, false),
                t("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, true, List.of("pvc"), none, false),
                t("apps", "v1", "deployments", "Deployment", true, true, List.of("deploy"), List.of("all"), true),
                t("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, false, List.of("sc"), none, false),
                t("events.k8s.io", "v1", "events", "Event", true, false, List.of("ev"), none, false),
                t("coordination.k8s.io", "v1", "leases", "Lease", true, false, none, none, false),
                t("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, false, List.of("sc"), none, false),
                t("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", false, true,
                        List.of("csr"), none, false),
                t("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, true,
                        List.of("crd", "crds"), List.of("api-extensions"), true),
                t("authentication.k8s.io", "v1", "tokenreviews", "TokenReview", false, false, none, none, false),
                t("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", false, false, none, none,
                        false),
                t("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false, false, none, none,
                        false),
                t("rbac.authorization.k8s.io", "v1", "roles", "Role", true, false, none, none, false),
                t("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, false, none, none, false),
                t("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, false, none, none, false),
                t("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, false, none, none,
                        false));
    }
}
