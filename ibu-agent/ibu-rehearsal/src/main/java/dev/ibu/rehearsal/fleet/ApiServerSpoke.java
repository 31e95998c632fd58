package dev.ibu.rehearsal.fleet;

import dev.ibu.adapters.k8s.crd.GeneratedCrd;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import dev.ibu.domain.fleet.Action;
import dev.ibu.ports.engine.EnginePorts;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.fleet.SpokeWork;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.testkit.TestWorld;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Option;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A spoke with its own strict embedded API server holding the generated ImageBasedUpgrade CRD: the work agent writes
 * the IBU's spec there (as applying the ManifestWork's IBU does), the ibu engine reconciles it through the real
 * Kubernetes adapter (IbuResourceAdapter; CRD schema and CEL enforced, the pivot's delete-and-recreate included) on an
 * in-memory host, and the IBU's conditions are read back from that server.
 */
final class ApiServerSpoke implements FleetSpoke, AutoCloseable {
    static final int PASSES_PER_ROUND = 6;
    static final Duration BACKOFF = Duration.ofSeconds(10);

    private final TestWorld world = TestWorld.fresh();
    private final ApiServer server;
    private final KubernetesClient client;
    private final boolean failsPrep;
    private UpgradeEngine engine;
    private Action action;

    ApiServerSpoke(boolean failsPrep) {
        this.failsPrep = failsPrep;
        server = ApiServer.builder().port(0).start();
        server.apply(new ByteArrayInputStream(GeneratedCrd.yaml().getBytes(StandardCharsets.UTF_8)), "default");
        client = server.clientAs(Identity.admin());
        restart();
        passes(50);
    }

    private void restart() {
        world.restartAgent();
        EnginePorts p = world.ports();
        engine = new UpgradeEngine(new EnginePorts(new IbuResourceAdapter(client), p.configMaps(), p.pullSecrets(),
                p.health(), p.clusterInfo(), p.extraManifests(), p.backups(), p.seedImages(), p.stateroots(),
                p.precache(), p.reboot(), p.stateStore(), p.certificates(), p.events(), p.clock(), p.clusterConfig(),
                p.clusterConfigFiles()));
        engine.initialize();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void request(Action a, Instant now) {
        if (a == action) {
            return;
        }
        action = a;
        Stage stage = SpokeWork.stageFor(a);
        var ibus = client.genericKubernetesResources("lca.openshift.io/v1", "ImageBasedUpgrade");
        GenericKubernetesResource ibu = ibus.withName("upgrade").get();
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) ibu.getAdditionalProperties()
                .getOrDefault("spec", Map.of()));
        spec.put("stage", stage.wireName());
        if (stage == Stage.PREP) {
            spec.put("seedImageRef", Map.of("version", world.seed().version(),
                    "image", failsPrep ? "quay.io/openshift-kni/seed:missing" : world.seed().image()));
        }
        ibu.setAdditionalProperty("spec", spec);
        ibus.resource(ibu).update();
    }

    @Override
    public void advance(Instant now) {
        if (action != null) {
            passes(PASSES_PER_ROUND);
        }
    }

    private void passes(int n) {
        for (int i = 0; i < n; i++) {
            ReconcileResult r = engine.reconcile(ReconcileCommand.singleton("fleet"));
            if (world.host().rebootPending()) {
                world.completeReboot();
                restart();
            } else if (r.error().isDefined()) {
                world.tick(BACKOFF);
            } else if (r.requeueAfter().isDefined()) {
                world.tick(r.requeueAfter().get());
            } else {
                return;
            }
        }
    }

    @Override
    public Conditions conditions() {
        return new IbuResourceAdapter(client).read().toOption().flatMap(o -> o)
                .map(ImageBasedUpgrade::status).map(s -> s.conditions()).getOrElse(Conditions.EMPTY);
    }

    @Override
    public Option<Action> action() {
        return Option.of(action);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
