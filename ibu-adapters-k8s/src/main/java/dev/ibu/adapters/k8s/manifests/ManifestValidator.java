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
import java.util.HashMap;
import java.util.Map;

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
    private final Map<String, Boolean> namespaces = new HashMap<>();

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
        List<String> warnings = List.empty();
        Set<String> declaredNamespaces = HashSet.empty();
        try {
            for (Manifest m : sorted) {
                if ("v1".equals(m.apiVersion()) && "Namespace".equals(m.kind())) {
                    declaredNamespaces = declaredNamespaces.add(m.name());
                    continue;
                }
                Either<PortFailure, Option<String>> warning = dryRun(m, declaredNamespaces);
                if (warning.isLeft()) {
                    return Either.left(warning.getLeft());
                }
                warnings = warnings.appendAll(warning.get());
            }
        } catch (KubernetesClientException e) {
            return Either.left(KubeFailures.from("extra manifest validation", e));
        }
        return Either.right(new ManifestValidation(warnings));
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
        Boolean known = namespaces.get(namespace);
        if (known == null) {
            known = client.namespaces().withName(namespace).get() != null;
            namespaces.put(namespace, known);
        }
        return known;
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
