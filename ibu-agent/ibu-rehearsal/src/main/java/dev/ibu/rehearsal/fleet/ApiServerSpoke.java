package dev.ibu.rehearsal.fleet;

import dev.ibu.adapters.k8s.crd.GeneratedCrd;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.UpgradeEngine;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A spoke with its own strict embedded API server holding the generated ImageBasedUpgrade CRD: the work agent writes
 * the IBU's spec there (as applying the ManifestWork's IBU does), the ibu engine reconciles it through the real
 * Kubernetes adapter (IbuResourceAdapter; CRD schema and CEL enforced, the pivot's delete-and-recreate included) on an
 * in-memory host, and the IBU's conditions are read back from that server.
 */
final class ApiServerSpoke extends EngineDrivenSpoke implements AutoCloseable {
    private final ApiServer server;
    private final KubernetesClient client;

    ApiServerSpoke(boolean failsPrep) {
        super(failsPrep);
        server = ApiServer.builder().port(0).start();
        server.apply(new ByteArrayInputStream(GeneratedCrd.yaml().getBytes(StandardCharsets.UTF_8)), "default");
        client = server.clientAs(Identity.admin());
        boot();
    }

    @Override
    UpgradeEngine newEngine() {
        EnginePorts p = world.ports();
        return new UpgradeEngine(new EnginePorts(new IbuResourceAdapter(client), p.configMaps(), p.pullSecrets(),
                p.health(), p.clusterInfo(), p.extraManifests(), p.backups(), p.seedImages(), p.stateroots(),
                p.precache(), p.reboot(), p.stateStore(), p.certificates(), p.events(), p.clock(), p.clusterConfig(),
                p.clusterConfigFiles()));
    }

    @Override
    @SuppressWarnings("unchecked")
    void writeStage(Stage stage) {
        var ibus = client.genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade");
        GenericKubernetesResource ibu = ibus.withName("upgrade").get();
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) ibu.getAdditionalProperties()
                .getOrDefault("spec", Map.of()));
        spec.put("stage", stage.wireName());
        if (stage == Stage.PREP) {
            spec.put("seedImageRef", Map.of("version", world.seed().version(),
                    "image", failsPrep ? MISSING_SEED : world.seed().image()));
        }
        ibu.setAdditionalProperty("spec", spec);
        ibus.resource(ibu).update();
    }

    @Override
    public Conditions conditions() {
        return new IbuResourceAdapter(client).read().toOption().flatMap(o -> o)
                .map(ImageBasedUpgrade::status).map(s -> s.conditions()).getOrElse(Conditions.EMPTY);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
