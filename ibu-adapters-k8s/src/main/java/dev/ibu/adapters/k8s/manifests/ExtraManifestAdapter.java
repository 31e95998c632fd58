package dev.ibu.adapters.k8s.manifests;

import dev.ibu.adapters.k8s.KubeFailures;
import dev.ibu.adapters.k8s.config.ConfigMapAdapter;
import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ConfigMapData;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ExtraManifestPort;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extra manifests (oadp-and-manifests.md §3): validated at Prep, exported before the pivot (policy manifests
 * first, then the ConfigMaps', each in apply-wave groups), applied after it in that order. The target version and
 * the expected policy-manifest count come from the {@code upgrade} resource, which the port does not pass.
 */
public final class ExtraManifestAdapter implements ExtraManifestPort {
    private static final Logger LOG = LoggerFactory.getLogger(ExtraManifestAdapter.class);
    /** Upstream's wrappers of a policy-manifest error, at Prep and at the export before the pivot. */
    static final String POLICIES_AT_PREP = "failed to validate manifests from policies: ";
    static final String POLICIES_AT_EXPORT = "failed to export manifests from policies: failed to validate and "
            + "extract manifests from policies: ";

    private final KubernetesClient client;
    private final ConfigMapAdapter configMaps;
    private final ManifestDecoder decoder;
    private final PolicyManifests policies;

    public ExtraManifestAdapter(KubernetesClient client, int maxObjectBytes) {
        this.client = client;
        this.configMaps = new ConfigMapAdapter(client);
        this.decoder = new ManifestDecoder(maxObjectBytes);
        this.policies = new PolicyManifests(client);
    }

    public ExtraManifestAdapter(KubernetesClient client) {
        this(client, ManifestDecoder.DEFAULT_MAX_OBJECT_BYTES);
    }

    @Override
    public Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> refs) {
        Either<PortFailure, Tuple2<List<Manifest>, List<String>>> decoded = decodeSorted(refs);
        if (decoded.isLeft()) {
            return Either.left(decoded.getLeft());
        }
        RestMapper mapper = new RestMapper(client);
        Either<PortFailure, ManifestValidation> result = new ManifestValidator(client,
                new ManifestApplier(client, mapper)).validate(decoded.get()._1, decoded.get()._2);
        // the policy manifests are only looked at in Prep when a count is expected, as upstream does
        return result.flatMap(v -> ibu().flatMap(ibu -> expectsCount(ibu) ? policyGroups().map(g -> v)
                .mapLeft(e -> e instanceof PortFailure.Invalid ? PortFailure.invalid(POLICIES_AT_PREP + e.message())
                        : e) : Either.right(v)));
    }

    @Override
    public Either<PortFailure, ExportBundle> export(List<ConfigMapRef> refs) {
        Either<PortFailure, List<List<Manifest>>> fromPolicies = policyGroups().mapLeft(e ->
                e instanceof PortFailure.Invalid ? PortFailure.invalid(POLICIES_AT_EXPORT + e.message()) : e);
        if (fromPolicies.isLeft()) {
            return Either.left(fromPolicies.getLeft());
        }
        Either<PortFailure, Tuple2<List<Manifest>, List<String>>> decoded = decodeSorted(refs);
        if (decoded.isLeft()) {
            return Either.left(decoded.getLeft());
        }
        if (!decoded.get()._2.isEmpty()) {
            return Either.left(PortFailure.invalid("failed to export manifests from configmaps: failed to extract "
                    + "manifests from configMap: " + decoded.get()._2.mkString("; ")));
        }
        List<String> refused = decoded.get()._1.flatMap(ManifestValidator::staticErrors);
        if (!refused.isEmpty()) {
            // upstream skipped this check at export; a spec edited after Prep could otherwise smuggle them in
            return Either.left(PortFailure.invalid("failed to export manifests from configmaps: "
                    + refused.mkString("; ")));
        }
        return Either.right(ExportFiles.bundle(fromPolicies.get(),
                ApplyWaves.group(decoded.get()._1).get()));
    }

    @Override
    public Either<PortFailure, Void> apply(ExportBundle bundle) {
        Either<String, List<Tuple2<String, String>>> files = ExportFiles.ordered(bundle);
        if (files.isLeft()) {
            return Either.left(PortFailure.invalid("failed to apply manifest: " + files.getLeft()));
        }
        return new BundleApply(new ManifestApplier(client, new RestMapper(client))).apply(files.get());
    }

    /** All manifests of the ConfigMaps in apply order, and the decode errors; Left when a ConfigMap is missing. */
    private Either<PortFailure, Tuple2<List<Manifest>, List<String>>> decodeSorted(List<ConfigMapRef> refs) {
        List<Manifest> manifests = List.empty();
        List<String> errors = List.empty();
        for (ConfigMapRef ref : refs.distinct()) {
            Either<PortFailure, List<ConfigMapData>> read = configMaps.read(List.of(ref));
            if (read.isLeft()) {
                return Either.left(read.getLeft() instanceof PortFailure.NotFound
                        ? PortFailure.notFound("the extraManifests configMap is not found, error: configmaps \""
                                + ref.name() + "\" not found. Please create the configMap " + ref
                                + " or remove it from spec.extraManifests.")
                        : read.getLeft());
            }
            ManifestDecoder.Decoded decoded = decoder.decode(read.get().head());
            manifests = manifests.appendAll(decoded.manifests());
            errors = errors.appendAll(decoded.errors());
        }
        Either<List<String>, List<List<Manifest>>> groups = ApplyWaves.group(manifests);
        if (groups.isLeft()) {
            return Either.left(PortFailure.invalid("failed to validate extramanifest cms: failed to sort and group "
                    + "manifests: " + groups.getLeft().mkString("; ")));
        }
        return Either.right(new Tuple2<>(groups.get().flatMap(g -> g), errors));
    }

    private static boolean expectsCount(Option<ImageBasedUpgradeResource> ibu) {
        return ibu.exists(r -> r.getMetadata().getAnnotations() != null
                && r.getMetadata().getAnnotations().containsKey(Annotations.TARGET_VERSION_MANIFEST_COUNT));
    }

    /** The {@code upgrade} resource, for the target version and the expected policy-manifest count. */
    private Either<PortFailure, Option<ImageBasedUpgradeResource>> ibu() {
        try {
            return Either.right(Option.of(client.resources(ImageBasedUpgradeResource.class)
                    .withName(ImageBasedUpgradeResource.NAME).get()));
        } catch (KubernetesClientException e) {
            return Either.left(KubeFailures.from("ImageBasedUpgrade upgrade", e));
        }
    }

    /** Policy manifest groups, checked against the expected count when the annotation asks for it. */
    private Either<PortFailure, List<List<Manifest>>> policyGroups() {
        return ibu().flatMap(ibu -> {
            String version = ibu.flatMap(r -> Option.of(r.getSpec())).flatMap(s -> Option.of(s.seedImageRef()))
                    .map(s -> s.version()).getOrNull();
            Either<PortFailure, List<List<Manifest>>> groups;
            try {
                groups = policies.groups(version).mapLeft(errors -> PortFailure.invalid(errors.mkString("; ")));
            } catch (KubernetesClientException e) {
                return Either.left(KubeFailures.from("Policies (policy.open-cluster-management.io/v1)", e));
            }
            return groups.flatMap(g -> countMatches(ibu, g).map(ok -> g));
        });
    }

    /**
     * {@code lca.openshift.io/target-ocp-version-manifest-count}, compared as a string like upstream does; the
     * mismatch is upstream's text exactly (the annotation it names is in the log line above).
     */
    private static Either<PortFailure, Void> countMatches(Option<ImageBasedUpgradeResource> ibu,
            List<List<Manifest>> groups) {
        String expected = ibu.flatMap(r -> Option.of(r.getMetadata().getAnnotations()))
                .flatMap(a -> Option.of(a.get(Annotations.TARGET_VERSION_MANIFEST_COUNT))).getOrNull();
        if (expected == null) {
            return Either.right(null);
        }
        int found = groups.map(List::size).sum().intValue();
        LOG.info("policy manifests labelled for the target version: {} (expected {}, annotation {} on "
                + "ImageBasedUpgrade upgrade)", found, expected, Annotations.TARGET_VERSION_MANIFEST_COUNT);
        return String.valueOf(found).equals(expected) ? Either.right(null)
                : Either.left(PortFailure.invalid("The labeled manifests count found in policies " + found
                        + " does not match the expected manifests count " + expected));
    }
}
