package dev.ibu.adapters.oadp.local;

import dev.ibu.domain.ConfigMapRef;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vavr.collection.List;

import java.util.Map;

/**
 * A realistic application for the local backup's tests: namespace {@code shop} with a Deployment, a Service
 * (allocated cluster IP and node port), a ConfigMap, a Secret, a claim bound to a Retain volume, a custom kind
 * (Widget, with its CRD and a status worth keeping), and a cluster-scoped ClusterRole taken through apply-label;
 * plus neighbours that must not be taken. Two Backups and their Restores in two apply waves.
 */
final class ShopApplication {
    static final String NS = "openshift-adp";
    static final ConfigMapRef CONTENT = new ConfigMapRef("shop-oadp", NS);

    static final java.util.List<String> OBJECTS = java.util.List.of("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com, labels: {app: shop}}
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wdg]}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            """, """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {app: shop, tier: prod}, annotations: {owner: team-shop}}
            spec: {finalizers: [kubernetes]}
            status: {phase: Active}
            """, """
            apiVersion: v1
            kind: Namespace
            metadata: {name: other}
            """, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, labels: {app: shop}, generation: 3}
            spec:
              replicas: 2
              selector: {matchLabels: {app: shop}}
              template:
                metadata: {labels: {app: shop}}
                spec:
                  containers:
                  - {name: web, image: 'registry.example.com/shop/web:1.2', ports: [{containerPort: 8080}]}
                  volumes:
                  - name: data
                    persistentVolumeClaim: {claimName: data}
            status: {replicas: 2, readyReplicas: 2, observedGeneration: 3}
            """, """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop, labels: {app: shop}}
            spec:
              type: NodePort
              clusterIP: 172.30.12.34
              clusterIPs: [172.30.12.34]
              selector: {app: shop}
              ports: [{name: http, port: 80, targetPort: 8080, nodePort: 30080, protocol: TCP}]
            """, """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-config, namespace: shop}
            data: {greeting: hello, 'app.properties': "a=1\\nb=2\\n"}
            """, """
            apiVersion: v1
            kind: Secret
            metadata: {name: web-tls, namespace: shop}
            type: kubernetes.io/tls
            data: {tls.crt: Y2VydGlmaWNhdGU=, tls.key: c2VjcmV0LWtleS1uZXZlci1sb2dnZWQ=}
            """, """
            apiVersion: v1
            kind: PersistentVolume
            metadata:
              name: pv-data
              annotations: {pv.kubernetes.io/bound-by-controller: 'yes', pv.kubernetes.io/provisioned-by: topolvm.io}
            spec:
              capacity: {storage: 1Gi}
              accessModes: [ReadWriteOnce]
              persistentVolumeReclaimPolicy: Retain
              storageClassName: lvms-vg1
              claimRef: {kind: PersistentVolumeClaim, namespace: shop, name: data, uid: 0d7c6f1e-1111-4222-8333-444455556666, resourceVersion: '4711'}
              csi: {driver: topolvm.io, volumeHandle: 9a8b7c6d}
            status: {phase: Bound}
            """, """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
              namespace: shop
              annotations: {pv.kubernetes.io/bind-completed: 'yes', pv.kubernetes.io/bound-by-controller: 'yes', team: shop}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
              storageClassName: lvms-vg1
              volumeName: pv-data
            status: {phase: Bound}
            """, """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w1, namespace: shop, labels: {app: shop}}
            spec: {size: 3, color: blue}
            status: {ready: true, serial: w1-0001}
            """, """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: shop-reader}
            rules: [{apiGroups: [example.com], resources: [widgets], verbs: [get, list]}]
            """, """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: unrelated-reader}
            rules: [{apiGroups: [''], resources: [pods], verbs: [get]}]
            """, """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: not-mine, namespace: other}
            data: {x: y}
            """, """
            apiVersion: v1
            kind: Namespace
            metadata: {name: openshift-adp}
            """);

    static final String BACKUPS = """
            apiVersion: velero.io/v1
            kind: Backup
            metadata:
              name: shop-cluster
              namespace: openshift-adp
              annotations:
                lca.openshift.io/apply-wave: "1"
                lca.openshift.io/apply-label: apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com,rbac.authorization.k8s.io/v1/clusterroles/shop-reader
            spec:
              includedClusterScopedResources: [customresourcedefinitions, clusterroles]
            ---
            apiVersion: velero.io/v1
            kind: Backup
            metadata:
              name: shop-apps
              namespace: openshift-adp
              annotations: {lca.openshift.io/apply-wave: "2"}
            spec:
              includedNamespaces: [shop]
              includedNamespaceScopedResources: [deployments.apps, services, configmaps, secrets, persistentvolumeclaims, wdg]
            """;

    static final String RESTORES = """
            apiVersion: velero.io/v1
            kind: Restore
            metadata:
              name: shop-cluster
              namespace: openshift-adp
              annotations: {lca.openshift.io/apply-wave: "1"}
            spec: {backupName: shop-cluster}
            ---
            apiVersion: velero.io/v1
            kind: Restore
            metadata:
              name: shop-apps
              namespace: openshift-adp
              annotations: {lca.openshift.io/apply-wave: "2"}
            spec:
              backupName: shop-apps
              restoreStatus: {includedResources: [widgets]}
            """;

    /** Kind/namespace/name of what the Backups must take (the neighbours are left out). */
    static final java.util.List<String> TAKEN = java.util.List.of(
            "CustomResourceDefinition//widgets.example.com", "ClusterRole//shop-reader", "Namespace//shop",
            "Deployment/shop/web", "Service/shop/web", "ConfigMap/shop/web-config", "Secret/shop/web-tls",
            "PersistentVolume//pv-data", "PersistentVolumeClaim/shop/data", "Widget/shop/w1");

    private ShopApplication() {
    }

    static void deploy(KubernetesClient client) {
        for (String yaml : OBJECTS) {
            GenericKubernetesResource r = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
            var op = client.genericKubernetesResources(r.getApiVersion(), r.getKind());
            String ns = r.getMetadata().getNamespace();
            (ns == null ? op : op.inNamespace(ns)).resource(r).create();
        }
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(CONTENT.name()).withNamespace(NS).endMetadata()
                .withData(Map.of("backups.yaml", BACKUPS, "restores.yaml", RESTORES)).build()).create();
    }

    static List<ConfigMapRef> content() {
        return List.of(CONTENT);
    }

    static GenericKubernetesResource get(KubernetesClient client, String taken) {
        String[] p = taken.split("/", -1);
        String apiVersion = switch (p[0]) {
            case "CustomResourceDefinition" -> "apiextensions.k8s.io/v1";
            case "ClusterRole" -> "rbac.authorization.k8s.io/v1";
            case "Deployment" -> "apps/v1";
            case "Widget" -> "example.com/v1";
            default -> "v1";
        };
        var op = client.genericKubernetesResources(apiVersion, p[0]);
        return (p[1].isEmpty() ? op : op.inNamespace(p[1])).withName(p[2]).get();
    }
}
