package dev.ibu.rehearsal.fleet;

import dev.ibu.adapters.k8s.fleet.HubAdapters;
import dev.ibu.adapters.k8s.fleet.HubCrds;
import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import dev.ibu.codec.fleet.IbguCodec;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.Decision;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.ports.fleet.HubEngine;
import dev.ibu.ports.fleet.HubPass;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.fleet.WorkState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.ManualClock;
import dev.ibu.ports.testkit.fleet.SimulatedSpoke;
import dev.ibu.ports.testkit.fleet.SpokeScript;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.control.Either;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code local --fleet=N}: a strict local hub (the embedded API server with the IBGU CRD and minimal
 * ManagedCluster/ManifestWork CRDs: schema and CEL enforced), N ManagedClusters {@code spoke1..spokeN} (labels
 * {@code name} as ACM sets it, and {@code env=lab}), a simulated work agent and IBU per spoke, and the real hub
 * (HubAdapters' watches + HubEngine) rolling an IBGU out, batch by batch, in simulated time (a minute per round).
 */
public final class FleetRehearsal {
    static final int MAX_ROUNDS = 3000;

    private FleetRehearsal() {
    }

    /** Exit code: 0 when the rollout completed or halted on its budget as injected failures must make it, else 1. */
    public static int run(int n, int failing, String spokeKind, String ibguYaml, boolean printYaml,
                          PrintWriter out, PrintWriter err) {
        Either<dev.ibu.codec.CodecError, ImageBasedGroupUpgrade> parsed = IbguCodec.fromYaml(ibguYaml);
        if (parsed.isLeft()) {
            err.println("--ibgu: " + parsed.getLeft().message());
            err.flush();
            return 2;
        }
        ImageBasedGroupUpgrade ibgu = parsed.get();
        IbguRef ref = new IbguRef(ibgu.namespace().isEmpty() ? "default" : ibgu.namespace(), ibgu.name());
        ManualClock clock = new ManualClock(ManualClock.DEFAULT_START);
        Map<String, FleetSpoke> spokes = new TreeMap<>();
        try (ApiServer server = ApiServer.builder().port(0).start();
             KubernetesClient admin = server.clientAs(Identity.admin());
             SpokesClosing closing = new SpokesClosing(spokes)) {
            apply(server, resource("ocm-crds.yaml"));
            apply(server, HubCrds.ibguCrd());
            apply(server, fleet(n, ref.namespace(), ibgu, failing, spokeKind, spokes));
            apply(server, ibguYaml);
            out.printf("ibu-agent local --fleet=%d: strict local hub at %s, %d ManagedClusters (%s), IBGU %s (%d"
                            + " steps)%s%n", n, server.url(), n, describe(spokeKind), ref, ibgu.plan().size(),
                    failing > 0 ? ", "
                            + failing + " spoke(s) failing Prep" : "");
            try (HubAdapters adapters = HubAdapters.start(admin, clock, r -> { }, Duration.ofSeconds(30))) {
                return rollout(new HubEngine(adapters.ports()), adapters, new FleetWorkAgents(admin, spokes), ibgu,
                        ref, clock, new FleetReport(out, clock.now()), failing, printYaml, admin, out);
            }
        }
    }

    private static int rollout(HubEngine engine, HubAdapters adapters, FleetWorkAgents agents,
                               ImageBasedGroupUpgrade ibgu, IbguRef ref,
                               ManualClock clock, FleetReport report, int failing, boolean printYaml,
                               KubernetesClient admin, PrintWriter out) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Either<PortFailure, HubPass> pass = engine.reconcile(ref);
            if (pass.isLeft()) {
                if (!(pass.getLeft() instanceof PortFailure.Conflict)) {
                    out.println("hub: " + pass.getLeft().message());
                }
                settle();
                continue;
            }
            Decision d = pass.get().decision().get();
            report.pass(ibgu, d, clock.now());
            boolean halted = d.halted().isDefined() && d.summary().inProgress() == 0;
            if (d.rolloutDone() || halted) {
                if (printYaml) {
                    out.println(io.fabric8.kubernetes.client.utils.Serialization.asYaml(admin
                            .genericKubernetesResources("lcm.openshift.io/v1alpha1", "ImageBasedGroupUpgrade")
                            .inNamespace(ref.namespace()).withName(ref.name()).get()));
                }
                out.printf("rollout %s after %d rounds (%s simulated)%n", d.rolloutDone() ? "completed" : "halted",
                        round + 1, Duration.between(ManualClock.DEFAULT_START, clock.now()));
                out.flush();
                return d.rolloutDone() || failing > 0 ? 0 : 1;
            }
            if (d.wakeAt().exists(w -> !w.isAfter(clock.now()))) {
                continue;
            }
            agents.tick(clock.now());
            clock.advance(Duration.ofMinutes(1));
            awaitCaches(adapters, ref, admin);
        }
        out.println("the rollout did not finish within " + MAX_ROUNDS + " rounds");
        return 1;
    }

    /** Until the hub's work cache shows what the agents wrote (bounded; the hub is level-triggered anyway). */
    private static void awaitCaches(HubAdapters adapters, IbguRef ref, KubernetesClient admin) {
        String rv = admin.genericKubernetesResources(FleetWorkAgents.WORKS).inAnyNamespace()
                .withLabel("ibu.dev/ibgu-name").list().getMetadata().getResourceVersion();
        for (int i = 0; i < 100; i++) {
            Either<PortFailure, io.vavr.collection.List<WorkState>> works = adapters.ports().works().list(ref);
            if (works.isRight() && seen(adapters.worksResourceVersion(), rv)) {
                return;
            }
            settle();
        }
    }

    private static boolean seen(String cached, String written) {
        try {
            return cached != null && Long.parseLong(cached) >= Long.parseLong(written);
        } catch (NumberFormatException e) {
            return true;  // opaque versions: do not wait
        }
    }

    private static void settle() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Namespaces, ManagedClusters, the ConfigMaps/pull secret the IBU names; the failing spokes' scripts. */
    private static String fleet(int n, String ns, ImageBasedGroupUpgrade ibgu, int failing, String spokeKind,
                                Map<String, FleetSpoke> spokes) {
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + ns + "}\n");
        for (int i = 1; i <= n; i++) {
            String name = "spoke" + i;
            y.append("---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ").append(name).append("}\n")
                    .append("---\napiVersion: cluster.open-cluster-management.io/v1\nkind: ManagedCluster\n")
                    .append("metadata: {name: ").append(name).append(", labels: {name: ").append(name)
                    .append(", env: lab}}\nspec: {hubAcceptsClient: true}\n");
            boolean fails = i >= 2 && i < 2 + failing;
            if ("engine".equals(spokeKind)) {
                spokes.put(name, new EngineSpoke(fails));
            } else if ("apiserver".equals(spokeKind)) {
                spokes.put(name, new ApiServerSpoke(fails));
            } else {
                SpokeScript script = SpokeScript.ok(3);
                if (fails) {
                    script = script.failsAt(Action.PREP, "seed image quay.io/seed/image:4.21.0: pull failed (injected)");
                }
                spokes.put(name, new ScriptedSpoke(new SimulatedSpoke(name, script)));
            }
        }
        for (ConfigMapRef cm : ibgu.ibuSpec().oadpContent().appendAll(ibgu.ibuSpec().extraManifests())) {
            y.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: '").append(cm.name())
                    .append("', namespace: ").append(ns).append("}\ndata: {rehearsal: 'true'}\n");
        }
        for (String secret : ibgu.ibuSpec().seedImageRef().pullSecretName()) {
            y.append("---\napiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\nmetadata: {name: '")
                    .append(secret).append("', namespace: ").append(ns)
                    .append("}\ndata: {.dockerconfigjson: eyJhdXRocyI6e319}\n");
        }
        return y.toString();
    }

    static String describe(String spokeKind) {
        if ("engine".equals(spokeKind)) {
            return "each running the ibu engine on an in-memory host";
        }
        return "apiserver".equals(spokeKind) ? "each with its own strict API server and the ibu engine"
                : "scripted IBUs";
    }

    /** Stops the spokes' own API servers (--fleet-spokes=apiserver) when the rehearsal ends. */
    private record SpokesClosing(Map<String, FleetSpoke> spokes) implements AutoCloseable {
        @Override
        public void close() {
            for (FleetSpoke s : spokes.values()) {
                if (s instanceof ApiServerSpoke) {
                    ((ApiServerSpoke) s).close();
                }
            }
        }
    }

    private static void apply(ApiServer server, String yaml) {
        server.apply(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "default");
    }

    static String resource(String name) {
        try (InputStream in = FleetRehearsal.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
