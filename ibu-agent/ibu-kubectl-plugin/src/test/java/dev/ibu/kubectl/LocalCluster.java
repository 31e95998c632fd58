package dev.ibu.kubectl;

import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.file.Path;

/** The strict embedded API server (https, RBAC, CEL) with the product's IBU CRD and a viewer that may only read it. */
final class LocalCluster implements AutoCloseable {
    static final Path IBU_CRD = Path.of("../deploy/crd/imagebasedupgrades.yaml");
    static final Identity VIEWER = Identity.user("viewer");
    static final Identity GETTER = Identity.user("getter");
    static final Identity NOBODY = Identity.user("nobody");

    final ApiServer server;
    final KubernetesClient admin;

    private LocalCluster(boolean withCrd) {
        server = ApiServer.builder().port(0).https(true).start();
        if (withCrd) {
            server.apply(IBU_CRD, "default");
            try (InputStream rbac = LocalCluster.class.getResourceAsStream("/ibu-viewer-rbac.yaml")) {
                server.apply(rbac, "default");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        admin = server.clientAs(Identity.admin());
    }

    static LocalCluster withIbuCrd() {
        return new LocalCluster(true);
    }

    static LocalCluster withoutIbuCrd() {
        return new LocalCluster(false);
    }

    /** Creates the IBU of a test document, then writes its status through /status (as the agent does). */
    GenericKubernetesResource createIbu(String document) {
        GenericKubernetesResource doc = admin.getKubernetesSerialization()
                .unmarshal(Docs.text(document), GenericKubernetesResource.class);
        Object status = doc.getAdditionalProperties().remove("status");
        GenericKubernetesResource created = admin.genericKubernetesResources(IbuSource.IBU).resource(doc).create();
        created.getAdditionalProperties().put("status", status);
        return admin.genericKubernetesResources(IbuSource.IBU).resource(created).updateStatus();
    }

    /** Sets the message of one condition through /status (as the agent writes it). */
    @SuppressWarnings("unchecked")
    void setConditionMessage(String conditionType, String message) {
        GenericKubernetesResource ibu = admin.genericKubernetesResources(IbuSource.IBU).withName("upgrade").get();
        var status = (java.util.Map<String, Object>) ibu.getAdditionalProperties().get("status");
        for (var c : (java.util.List<java.util.Map<String, Object>>) status.get("conditions")) {
            if (conditionType.equals(c.get("type"))) {
                c.put("message", message);
            }
        }
        admin.genericKubernetesResources(IbuSource.IBU).resource(ibu).updateStatus();
    }

    Path kubeconfig(Path dir, Identity identity) {
        return server.writeKubeconfig(dir.resolve("kubeconfig-" + identity.user()), identity);
    }

    @Override
    public void close() {
        admin.close();
        server.close();
    }
}
