package dev.ibu.adapters.k8s.manifests;

import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.Tuple2;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prep validation of extra manifests (oadp-and-manifests.md §3.2). Errors (decode, empty name, forbidden kinds,
 * bad apply annotations) fail Prep; a kind that is not served, a namespace that does not exist and a dry-run
 * rejection are warnings. Unlike upstream, no real Namespace is created for the dry run: an object whose namespace
 * is created by an earlier manifest is not dry-run (the server could only answer "namespace not found").
 */
final class ManifestValidator {
    /** apiVersion/kind pairs that extra manifests must not carry (they belong to the seed or to OLM). */
    static final Set<String> FORBIDDEN = HashSet.of(
            "machineconfiguration.openshift.io/v1/MachineConfig",
            "operators.coreos.com/v1alpha1/ClusterServiceVersion",
            "operators.coreos.com/v1alpha1/InstallPlan",
            "operators.coreos.com/v1alpha1/Subscription");

    private final KubernetesClient client;
    private final ManifestApplier applier;
    /** Dry runs in flight at once: the API server answers several at a time; the order of the outcomes is kept. */
    static final int PARALLEL = 4;
    private final Map<String, Boolean> namespaces = new ConcurrentHashMap<>();

    ManifestValidator(KubernetesClient client, ManifestApplier applier) {
        this.client = client;
        this.applier = applier;
    }

    /** {@code sorted} in apply order; {@code decodeErrors} come first in the error report, as upstream. */
    Either<PortFailure, ManifestValidation> validate(List<Manifest> sorted, List<String> decodeErrors) {
        List<String> errors = decodeErrors.appendAll(sorted.flatMap(ManifestValidator::staticErrors));
        if (!errors.isEmpty()) {
            return Either.left(PortFailure.invalid("failed to validate extramanifest cms: " + errors.mkString("; ")));
        }
        // in apply order, what each manifest is dry-run with: the Namespaces declared before it
        java.util.List<Tuple2<Manifest, Set<String>>> checks = new ArrayList<>();
        Set<String> declaredNamespaces = HashSet.empty();
        for (Manifest m : sorted) {
            if ("v1".equals(m.apiVersion()) && "Namespace".equals(m.kind())) {
                declaredNamespaces = declaredNamespaces.add(m.name());
            } else {
                checks.add(new Tuple2<>(m, declaredNamespaces));
            }
        }
        List<Either<PortFailure, Option<String>>> outcomes = dryRuns(checks);
        List<String> warnings = List.empty();
        for (Either<PortFailure, Option<String>> outcome : outcomes) {
            if (outcome.isLeft()) {
                return Either.left(outcome.getLeft());  // the first in apply order, as when they ran one by one
            }
            warnings = warnings.appendAll(outcome.get());
        }
        return Either.right(new ManifestValidation(warnings));
    }

    /**
     * The dry runs, {@link #PARALLEL} at a time (they change nothing, so their order does not matter; the outcomes are
     * read in apply order, and a validation that stops at the first failure reports the same one). Each namespace is
     * still asked once.
     */
    private List<Either<PortFailure, Option<String>>> dryRuns(java.util.List<Tuple2<Manifest, Set<String>>> checks) {
        if (checks.size() < 2) {
            return List.ofAll(checks).map(c -> guarded(c._1, c._2));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, checks.size()), r -> {
            Thread t = new Thread(r, "extra-manifest-dry-run");
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.List<Future<Either<PortFailure, Option<String>>>> futures = new ArrayList<>();
            for (Tuple2<Manifest, Set<String>> c : checks) {
                futures.add(pool.submit(() -> guarded(c._1, c._2)));
            }
            List<Either<PortFailure, Option<String>>> out = List.empty();
            for (Future<Either<PortFailure, Option<String>>> f : futures) {
                out = out.append(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(Either.left(PortFailure.transientFailure("extra manifest validation interrupted")));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Either<PortFailure, Option<String>> guarded(Manifest m, Set<String> declaredNamespaces) {
        try {
            return dryRun(m, declaredNamespaces);
        } catch (KubernetesClientException e) {
            return Either.left(KubeFailures.from("extra manifest validation", e));
        }
    }

    static List<String> staticErrors(Manifest m) {
        if (m.name() == null || m.name().isEmpty()) {
            return List.of(m.kind() + " resource name is empty (" + m.origin() + "); set metadata.name");
        }
        if (FORBIDDEN.contains(m.apiVersion() + "/" + m.kind())) {
            return List.of(m.describe() + " in extramanifests is not allowed (" + m.origin() + "); remove it "
                    + "from the ConfigMap");
        }
        if (!ManifestApplier.validApplyType(m)) {
            return List.of(ManifestApplier.applyTypeProblem(m));
        }
        return List.empty();
    }

    /**
     * Whether the namespace is on the cluster, asked once per namespace per validation (a validation creates no
     * namespace, so the first answer holds for the rest of it; upstream asked again for every manifest).
     */
    private boolean namespaceExists(String namespace) {
        return namespaces.computeIfAbsent(namespace, n -> client.namespaces().withName(n).get() != null);
    }

    /** Right(warning or none) for this manifest, Left when validation itself cannot go on. */
    private Either<PortFailure, Option<String>> dryRun(Manifest m, Set<String> declaredNamespaces) {
        if (!applier.served(m)) {
            return Either.right(Option.some(m.describe() + " - CRD not deployed on cluster"));
        }
        Option<String> ns = applier.targetNamespace(m);
        if (ns.isDefined() && !"default".equals(ns.get()) && !namespaceExists(ns.get())) {
            return Either.right(declaredNamespaces.contains(ns.get()) ? Option.none()
                    : Option.some(m.describe() + " - namespace " + ns.get()
                            + " not found on cluster or not added in configmap in right order"));
        }
        ManifestApplier.Outcome outcome = applier.apply(m, true);
        if (outcome instanceof ManifestApplier.NotServed || outcome instanceof ManifestApplier.Failed
                && ((ManifestApplier.Failed) outcome).error().getCode() == 404) {
            // 404 on a dry run in an existing namespace: the kind is known to the client but not served here
            return Either.right(Option.some(m.describe() + " - CRD not deployed on cluster"));
        }
        if (outcome instanceof ManifestApplier.Failed) {
            ManifestApplier.Failed failed = (ManifestApplier.Failed) outcome;
            if (failed.rejected()) {
                return Either.right(Option.some(m.describe() + " - dryrun failed in namespace " + ns.getOrElse("")
                        + ": " + failed.message()));
            }
            return Either.left(KubeFailures.from("failed to validate manifest with dryrun: " + m.located(),
                    failed.error()));
        }
        if (outcome instanceof ManifestApplier.Refused) {
            // staticErrors refused it already; kept so that a new refusal can never pass as valid
            return Either.left(PortFailure.invalid("failed to validate extramanifest cms: "
                    + ((ManifestApplier.Refused) outcome).reason()));
        }
        return Either.right(Option.none());
    }
}
