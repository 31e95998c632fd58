package dev.ibu.ports.testkit.fleet;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.LabelChange;
import dev.ibu.domain.fleet.LabelSelector;
import dev.ibu.domain.fleet.PlanItem;
import dev.ibu.domain.fleet.PlanRules;
import dev.ibu.domain.fleet.RolloutStatus;
import dev.ibu.ports.fleet.HubEventsPort;
import dev.ibu.ports.fleet.HubStatus;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.fleet.IbguStorePort;
import dev.ibu.ports.fleet.ManagedCluster;
import dev.ibu.ports.fleet.ManagedClustersPort;
import dev.ibu.ports.fleet.SpokeWork;
import dev.ibu.ports.fleet.SpokeWorksPort;
import dev.ibu.ports.fleet.StoredIbgu;
import dev.ibu.ports.fleet.WorkState;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.PortFailure;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * The hub's Kubernetes API in memory, as strict as the real one where the hub could get it wrong: a status write
 * with a stale resourceVersion is a Conflict; a work's generation moves only when its spec (the IBU) changes; a label
 * key must be a valid qualified name; a work needs its cluster's namespace; the ConfigMaps and pull secret the IBU
 * names must exist in the IBGU's namespace; a plan is admitted only by the CRD's rules (append-only on update).
 * Counts every call, so tests and the benchmark can show API calls per spoke.
 */
public final class InMemoryHub implements IbguStorePort, ManagedClustersPort, SpokeWorksPort, HubEventsPort {
    private final java.util.TreeMap<String, Map<String, String>> clusters = new java.util.TreeMap<>();
    private final java.util.Map<String, Map<String, String>> annotations = new java.util.HashMap<>();
    private final Set<String> hubObjects = new HashSet<>();
    private final java.util.Map<IbguRef, ImageBasedGroupUpgrade> ibgus = new java.util.HashMap<>();
    private final java.util.Map<IbguRef, Long> versions = new java.util.HashMap<>();
    private final java.util.Map<IbguRef, HubStatus> statuses = new java.util.HashMap<>();
    private final java.util.Map<IbguRef, Map<String, String>> ibguAnnotations = new java.util.HashMap<>();
    private final java.util.Map<IbguRef, java.util.TreeMap<String, StoredWork>> works = new java.util.HashMap<>();
    private final java.util.List<HubEvent> events = new ArrayList<>();
    private final java.util.Map<String, Integer> calls = new java.util.TreeMap<>();
    private long resourceVersion = 1;

    // ---- test set-up and inspection

    public synchronized void addCluster(String name, java.util.Map<String, String> labels) {
        clusters.put(name, TreeMap.ofAll(labels));
    }

    public synchronized void addConfigMap(String namespace, String name) {
        hubObjects.add("ConfigMap " + namespace + "/" + name);
    }

    public synchronized void addSecret(String namespace, String name) {
        hubObjects.add("Secret " + namespace + "/" + name);
    }

    /** Creates an IBGU with annotations (metadata.annotations). */
    public synchronized IbguRef create(ImageBasedGroupUpgrade ibgu, java.util.Map<String, String> annotations) {
        IbguRef ref = create(ibgu);
        ibguAnnotations.put(ref, TreeMap.ofAll(annotations));
        return ref;
    }

    /** Creates an IBGU as the API server admits it (the CRD's plan rules). */
    public synchronized IbguRef create(ImageBasedGroupUpgrade ibgu) {
        List<String> errors = PlanRules.validate(ibgu.plan());
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("admission refused: " + errors.mkString("; "));
        }
        IbguRef ref = new IbguRef(ibgu.namespace(), ibgu.name());
        ibgus.put(ref, ibgu.withStatus(RolloutStatus.initial()));
        versions.put(ref, ++resourceVersion);
        return ref;
    }

    /** Appends a plan step, as {@code kubectl patch --type=json ... /spec/plan/-} does; the CRD keeps it append-only. */
    public synchronized void appendStep(IbguRef ref, PlanItem item) {
        ImageBasedGroupUpgrade old = ibgus.get(ref);
        List<String> errors = PlanRules.validateUpdate(old.plan(), old.plan().append(item));
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("admission refused: " + errors.mkString("; "));
        }
        ibgus.put(ref, old.withPlan(old.plan().append(item)));
        versions.put(ref, ++resourceVersion);
    }

    /** Deletes an IBGU, as {@code kubectl delete ibgu} does (its works stay until the hub deletes them). */
    public synchronized void deleteIbgu(IbguRef ref) {
        ibgus.remove(ref);
        statuses.remove(ref);
        versions.remove(ref);
    }

    public synchronized Option<HubStatus> status(IbguRef ref) {
        return Option.of(statuses.get(ref));
    }

    public synchronized Map<String, String> labels(String cluster) {
        return clusters.get(cluster);
    }

    public synchronized Option<StoredWork> work(IbguRef ref, String cluster) {
        return Option.of(works.getOrDefault(ref, new java.util.TreeMap<>()).get(cluster));
    }

    public synchronized List<String> workClusters(IbguRef ref) {
        return List.ofAll(works.getOrDefault(ref, new java.util.TreeMap<>()).keySet());
    }

    public synchronized List<HubEvent> events() {
        return List.ofAll(events);
    }

    /** API calls by verb and kind, e.g. {@code apply ManifestWork}. */
    public synchronized java.util.Map<String, Integer> calls() {
        return new java.util.TreeMap<>(calls);
    }

    public synchronized int totalCalls() {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What the work agent writes to the ManifestWork's status: the generation it reports on and the IBU's conditions. */
    public synchronized void report(IbguRef ref, String cluster, long observedGeneration, Conditions feedback) {
        StoredWork w = works.get(ref).get(cluster);
        works.get(ref).put(cluster, new StoredWork(w.row(), w.ibuSpec(), w.generation(), observedGeneration,
                feedback, w.ibuAnnotations()));
    }

    synchronized java.util.List<Tuple2<IbguRef, String>> allWorks() {
        java.util.List<Tuple2<IbguRef, String>> out = new ArrayList<>();
        works.forEach((ref, m) -> m.keySet().forEach(c -> out.add(new Tuple2<>(ref, c))));
        return out;
    }

    // ---- IbguStorePort

    @Override
    public synchronized Either<PortFailure, Option<StoredIbgu>> read(IbguRef ref) {
        count("get ImageBasedGroupUpgrade");
        ImageBasedGroupUpgrade g = ibgus.get(ref);
        if (g == null) {
            return Either.right(Option.none());
        }
        HubStatus s = statuses.get(ref);
        ImageBasedGroupUpgrade withStatus = s == null ? g : g.withStatus(s.rollout());
        return Either.right(Option.some(new StoredIbgu(withStatus, String.valueOf(versions.get(ref)),
                Option.of(s).map(HubStatus::summary), ibguAnnotations.getOrDefault(ref, TreeMap.empty()))));
    }

    @Override
    public synchronized Either<PortFailure, String> writeStatus(IbguRef ref, String rv, HubStatus status) {
        count("update ImageBasedGroupUpgrade/status");
        if (!ibgus.containsKey(ref)) {
            return Either.left(PortFailure.notFound("ImageBasedGroupUpgrade " + ref + " not found"));
        }
        if (!String.valueOf(versions.get(ref)).equals(rv)) {
            return Either.left(PortFailure.conflict("ImageBasedGroupUpgrade " + ref + ": resourceVersion " + rv
                    + " is stale (now " + versions.get(ref) + "); read it again"));
        }
        statuses.put(ref, status);
        versions.put(ref, ++resourceVersion);
        return Either.right(String.valueOf(resourceVersion));
    }

    // ---- ManagedClustersPort

    @Override
    public synchronized Either<PortFailure, List<ManagedCluster>> list(List<LabelSelector> anyOf) {
        count("list ManagedCluster (cache)");
        List<ManagedCluster> out = List.empty();
        for (java.util.Map.Entry<String, Map<String, String>> e : clusters.entrySet()) {
            if (anyOf.exists(s -> s.matches(e.getValue()))) {
                out = out.prepend(new ManagedCluster(e.getKey(), e.getValue(),
                        annotations.getOrDefault(e.getKey(), TreeMap.empty())));
            }
        }
        return Either.right(out.reverse());
    }

    @Override
    public synchronized Either<PortFailure, Void> label(LabelChange change) {
        count("patch ManagedCluster");
        if (!Labels.validKey(change.key())) {
            return Either.left(PortFailure.invalid("label key \"" + change.key() + "\" is not a qualified name"));
        }
        Map<String, String> labels = clusters.get(change.cluster());
        if (labels == null) {
            return Either.left(PortFailure.notFound("ManagedCluster " + change.cluster() + " not found"));
        }
        clusters.put(change.cluster(), change.set() ? labels.put(change.key(), "") : labels.remove(change.key()));
        return Either.right(null);
    }

    @Override
    public synchronized Either<PortFailure, Void> annotate(String cluster, String key, Option<String> value) {
        count("patch ManagedCluster");
        if (!clusters.containsKey(cluster)) {
            return Either.left(PortFailure.notFound("ManagedCluster " + cluster + " not found"));
        }
        if (!Labels.validKey(key)) {
            return Either.left(PortFailure.invalid("annotation key \"" + key + "\" is not a qualified name"));
        }
        Map<String, String> a = annotations.getOrDefault(cluster, TreeMap.empty());
        annotations.put(cluster, value.isDefined() ? a.put(key, value.get()) : a.remove(key));
        return Either.right(null);
    }

    public synchronized Map<String, String> annotations(String cluster) {
        return annotations.getOrDefault(cluster, TreeMap.empty());
    }

    // ---- SpokeWorksPort

    @Override
    public synchronized Either<PortFailure, Void> apply(SpokeWork work) {
        count("apply ManifestWork");
        if (!clusters.containsKey(work.cluster())) {
            return Either.left(PortFailure.notFound("namespace " + work.cluster() + " not found: "
                    + work.cluster() + " is not a ManagedCluster of this hub"));
        }
        Option<PortFailure> missing = missingInputs(work);
        if (missing.isDefined()) {
            return Either.left(missing.get());
        }
        java.util.TreeMap<String, StoredWork> m = works.computeIfAbsent(work.ibgu(), k -> new java.util.TreeMap<>());
        StoredWork old = m.get(work.cluster());
        if (old == null) {
            m.put(work.cluster(), new StoredWork(work.row(), work.ibuSpec(), 1, 0, Conditions.EMPTY,
                    work.ibuAnnotations()));
        } else {
            boolean same = old.ibuSpec().equals(work.ibuSpec()) && old.ibuAnnotations().equals(work.ibuAnnotations());
            long gen = same ? old.generation() : old.generation() + 1;
            m.put(work.cluster(), new StoredWork(work.row(), work.ibuSpec(), gen, old.observedGeneration(),
                    old.feedback(), work.ibuAnnotations()));
        }
        return Either.right(null);
    }

    private Option<PortFailure> missingInputs(SpokeWork work) {
        String ns = work.ibgu().namespace();
        for (ConfigMapRef ref : work.ibuSpec().oadpContent().appendAll(work.ibuSpec().extraManifests())) {
            if (!hubObjects.contains("ConfigMap " + ns + "/" + ref.name())) {
                return Option.some(PortFailure.notFound("ConfigMap " + ns + "/" + ref.name() + " not found on the hub:"
                        + " spec.ibuSpec names it; create it in the ImageBasedGroupUpgrade's namespace " + ns));
            }
        }
        for (String secret : work.ibuSpec().seedImageRef().pullSecretName()) {
            if (!hubObjects.contains("Secret " + ns + "/" + secret)) {
                return Option.some(PortFailure.notFound("Secret " + ns + "/" + secret + " not found on the hub:"
                        + " spec.ibuSpec.seedImageRef.pullSecretRef names it; create it in namespace " + ns));
            }
        }
        return Option.none();
    }

    @Override
    public synchronized Either<PortFailure, List<WorkState>> list(IbguRef ibgu) {
        count("list ManifestWork (cache)");
        java.util.TreeMap<String, StoredWork> m = works.getOrDefault(ibgu, new java.util.TreeMap<>());
        return Either.right(List.ofAll(m.entrySet()).map(e -> e.getValue().state(e.getKey())));
    }

    @Override
    public synchronized Either<PortFailure, Void> delete(IbguRef ibgu, String cluster) {
        count("delete ManifestWork");
        works.getOrDefault(ibgu, new java.util.TreeMap<>()).remove(cluster);
        return Either.right(null);
    }

    // ---- HubEventsPort

    @Override
    public synchronized void emit(IbguRef ibgu, EventPort.Type type, String reason, String message) {
        count("create Event");
        events.add(new HubEvent(ibgu, type, reason, message));
    }

    private void count(String call) {
        calls.merge(call, 1, Integer::sum);
    }
}
