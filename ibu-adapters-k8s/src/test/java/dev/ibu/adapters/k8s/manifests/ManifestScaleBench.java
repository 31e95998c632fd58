package dev.ibu.adapters.k8s.manifests;

import dev.ibu.ports.out.ConfigMapData;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.collection.List;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Locale;

/**
 * The benchmark of extra manifests at scale (issue 16; run by {@code .ci/bench.d/40-scale.sh}, never by the test
 * suite): 1000 manifests validated, exported and applied on the strict API server, ours against upstream's request
 * sequence (for every manifest: the namespace, a GET, then the dry run; to apply: a GET, then the create), paired
 * and interleaved over rounds, which route goes first alternating; each route on a fresh server per round (start-up
 * not timed). The first round of ours in this JVM is reported apart (cold). Prints tab-separated summary rows.
 */
public final class ManifestScaleBench {
    private static final int N = 1000;
    private static final int NAMESPACES = 4;

    private ManifestScaleBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        java.util.List<Double> ours = new ArrayList<>();
        java.util.List<Double> ratios = new ArrayList<>();
        double cold = Double.NaN;
        int validateRequests = 0;
        int applyRequests = 0;
        for (int r = 0; r <= rounds; r++) {
            double o;
            double a;
            if (r % 2 == 0) {
                o = oursOnce();
                a = upstreamOnce();
            } else {
                a = upstreamOnce();
                o = oursOnce();
            }
            if (r == 0) {
                cold = o;  // round 0 warms both routes; its figure is the cold one
                try (ManifestScale s = new ManifestScale(N, NAMESPACES)) {
                    var v = s.validate();
                    var e = s.export();
                    var ap = s.apply(e.result().get());
                    validateRequests = v.requests();
                    applyRequests = ap.requests();
                }
                continue;
            }
            ours.add(o);
            ratios.add(a / o);
            System.err.printf(Locale.ROOT, "round %d: ours %.3f s, upstream's sequence %.3f s (%.2fx)%n", r, o, a, a / o);
        }
        double median = median(ours);
        String load = load();
        System.out.printf(Locale.ROOT, "extra manifests: requests per manifest, validation (%d)\tupstream 3N+2, "
                + "(3002 for %d)\t%.3f req/manifest (%d requests)\t<= 1.2\t%s%n", N, N, validateRequests / (double) N,
                validateRequests, validateRequests <= 1.2 * N ? "met" : "not met");
        System.out.printf(Locale.ROOT, "extra manifests: requests per manifest, apply of new objects (%d)\tupstream "
                + "2N\t%.3f req/manifest (%d requests)\t-\tmet%n", N, applyRequests / (double) N, applyRequests);
        System.out.printf(Locale.ROOT, "extra manifests: validate+export+apply %d, strict server (%d rounds)\t"
                + "upstream's request sequence, same server and manifests\t%.2f s median (%.2f-%.2f s), cold %.2f s; "
                + "%.1fx median (%.1fx-%.1fx) vs anchor; load average %s on %d cores\t<= 2 s\t%s%n", N, rounds, median,
                Collections.min(ours), Collections.max(ours), cold, median(ratios), Collections.min(ratios),
                Collections.max(ratios), load, Runtime.getRuntime().availableProcessors(),
                median <= 2.0 ? "met" : "not met");
    }

    private static double oursOnce() {
        try (ManifestScale s = new ManifestScale(N, NAMESPACES)) {
            long t0 = System.nanoTime();
            var v = s.validate();
            var e = s.export();
            var a = s.apply(e.result().get());
            long t = System.nanoTime() - t0;
            if (v.result().isLeft() || !v.result().get().warnings().isEmpty() || a.result().isLeft()) {
                throw new IllegalStateException("ours failed: " + v.result() + " " + a.result());
            }
            return t / 1e9;
        }
    }

    /** Upstream's sequence: read the ConfigMap, decode, sort; per manifest namespace + GET + dry run; then GET + create. */
    private static double upstreamOnce() {
        try (ManifestScale s = new ManifestScale(N, NAMESPACES)) {
            KubernetesClient c = s.client;
            long t0 = System.nanoTime();
            var cm = c.configMaps().inNamespace(ManifestScale.NS).withName(ManifestScale.CM.name()).get();
            var decoded = new ManifestDecoder().decode(new ConfigMapData(ManifestScale.CM, cm.getData()));
            List<Manifest> sorted = ApplyWaves.group(decoded.manifests()).get().flatMap(g -> g);
            RestMapper mapper = new RestMapper(c);
            for (Manifest m : sorted) {
                ResourceDefinitionContext ctx = mapper.map(m.apiVersion(), m.kind()).get();
                if (c.namespaces().withName(m.namespace()).get() == null) {
                    throw new IllegalStateException("namespace " + m.namespace());
                }
                send(c, ctx, m, true);
            }
            cm = c.configMaps().inNamespace(ManifestScale.NS).withName(ManifestScale.CM.name()).get();
            decoded = new ManifestDecoder().decode(new ConfigMapData(ManifestScale.CM, cm.getData()));
            for (Manifest m : ApplyWaves.group(decoded.manifests()).get().flatMap(g -> g)) {
                send(c, mapper.map(m.apiVersion(), m.kind()).get(), m, false);
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private static void send(KubernetesClient c, ResourceDefinitionContext ctx, Manifest m, boolean dryRun) {
        Manifest clean = m.withAnnotation(Manifest.APPLY_TYPE, null).withAnnotation(Manifest.APPLY_WAVE, null);
        var op = c.genericKubernetesResources(ctx).inNamespace(m.namespace());
        GenericKubernetesResource live = op.withName(m.name()).get();
        GenericKubernetesResource desired = c.getKubernetesSerialization().convertValue(clean.object(),
                GenericKubernetesResource.class);
        try {
            if (live == null) {
                var w = op.resource(desired);
                (dryRun ? w.dryRun() : w).create();
            } else {
                desired.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
                var w = op.resource(desired);
                (dryRun ? w.dryRun() : w).update();
            }
        } catch (KubernetesClientException e) {
            throw new IllegalStateException(m.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The 1-minute load average at the end (the machine is shared: the figure means little without it). */
    static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double median(java.util.List<Double> xs) {
        java.util.List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
