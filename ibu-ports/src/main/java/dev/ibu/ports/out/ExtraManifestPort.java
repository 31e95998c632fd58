package dev.ibu.ports.out;

import dev.ibu.domain.ConfigMapRef;
import io.vavr.collection.List;
import io.vavr.control.Either;

/** Extra manifests (oadp-and-manifests.md §3): validated at Prep, exported before the pivot, applied after it. */
public interface ExtraManifestPort {
    /**
     * Decode errors, missing names, MachineConfig and OLM kinds are {@link PortFailure.Invalid} naming the ConfigMap,
     * key and object; missing CRDs, namespaces and dry-run rejections are warnings. When the IBU carries
     * {@code lca.openshift.io/target-ocp-version-manifest-count} the count of policy manifests is checked too
     * ({@code failed to validate manifests from policies: ...}); Prep then asks even with no ConfigMaps.
     */
    Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> refs);

    /** The manifests of the ConfigMaps, in apply-wave order, to be carried across the pivot. */
    Either<PortFailure, ExportBundle> export(List<ConfigMapRef> refs);

    /** Applies exported manifests in order; Terminal when a manifest is refused, Transient otherwise. */
    Either<PortFailure, Void> apply(ExportBundle bundle);
}
