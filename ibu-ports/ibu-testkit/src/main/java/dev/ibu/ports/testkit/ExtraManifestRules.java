package dev.ibu.ports.testkit;

import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Either;

/**
 * Upstream's extra-manifest rules (oadp-and-manifests.md §3.2, §3.3), simplified for the in-memory cluster: errors
 * for a document without {@code kind}, an empty name and the forbidden kinds, each naming the ConfigMap and key;
 * warnings for kinds whose CRD the cluster lacks and for namespaces that neither exist nor are created earlier in
 * wave order. No dry-run.
 */
final class ExtraManifestRules {
    /** Forbidden kind to its apiVersion; a document without apiVersion is matched on kind alone. */
    private static final Map<String, String> FORBIDDEN = HashMap.of(
            "MachineConfig", "machineconfiguration.openshift.io/v1",
            "ClusterServiceVersion", "operators.coreos.com/v1alpha1",
            "InstallPlan", "operators.coreos.com/v1alpha1",
            "Subscription", "operators.coreos.com/v1alpha1");

    private ExtraManifestRules() {
    }

    static Either<PortFailure, ManifestValidation> validate(List<ManifestDoc> docs, Set<String> namespaces,
                                                            Set<String> missingCrdKinds) {
        List<String> errors = docs.flatMap(ExtraManifestRules::errors);
        if (!errors.isEmpty()) {
            return Either.left(PortFailure.invalid(errors.mkString("; ")));
        }
        return Manifests.groupByApplyWave(docs).map(groups -> {
            List<String> warnings = List.empty();
            Set<String> known = namespaces;
            for (ManifestDoc d : groups.flatMap(g -> g)) {
                if (d.isKind("Namespace")) {
                    known = known.add(d.name());
                    continue;
                }
                if (missingCrdKinds.contains(d.kind().get())) {
                    warnings = warnings.append(d.label() + " - CRD not deployed on cluster");
                } else if (!d.namespace().isEmpty() && !known.contains(d.namespace())) {
                    warnings = warnings.append(d.label() + " - namespace " + d.namespace()
                            + " not found on cluster or not added in configmap in right order");
                }
            }
            return new ManifestValidation(warnings);
        });
    }

    private static List<String> errors(ManifestDoc d) {
        String where = " (ConfigMap " + d.source() + ")";
        if (d.kind().isEmpty()) {
            return List.of("failed to decode " + d.key() + " in the configMap " + d.source()
                    + ": Object 'Kind' is missing");
        }
        String kind = d.kind().get();
        if (FORBIDDEN.containsKey(kind) && d.apiVersion().forAll(v -> v.equals(FORBIDDEN.get(kind).get()))) {
            return List.of(d.label() + " in extramanifests is not allowed" + where);
        }
        if (d.name().isEmpty()) {
            return List.of(kind + " resource name is empty" + where);
        }
        return List.empty();
    }

    /** Group i (1-based) and j-th manifest: {@code <i>/<j>_<Kind>_<name>_<namespace>.yaml}, as upstream names them. */
    static Either<PortFailure, ExportBundle> export(List<ManifestDoc> docs) {
        List<String> decodeErrors = docs.filter(d -> d.kind().isEmpty()).map(d -> "failed to decode " + d.key()
                + " in the configMap " + d.source() + ": Object 'Kind' is missing");
        if (!decodeErrors.isEmpty()) {
            return Either.left(PortFailure.terminal("failed to extract manifests from configMap: "
                    + decodeErrors.mkString("; ")));
        }
        return Manifests.groupByApplyWave(docs).map(groups -> {
            Map<String, String> files = LinkedHashMap.empty();
            for (Tuple2<List<ManifestDoc>, Integer> g : groups.zipWithIndex()) {
                for (Tuple2<ManifestDoc, Integer> m : g._1.zipWithIndex()) {
                    ManifestDoc d = m._1;
                    files = files.put((g._2 + 1) + "/" + (m._2 + 1) + "_" + d.kind().get() + "_" + d.name() + "_"
                            + d.namespace() + ".yaml", d.text());
                }
            }
            return new ExportBundle(files);
        });
    }

    /** The files of a bundle in apply order: by group number, then by number within the group. */
    static List<Tuple2<String, String>> inApplyOrder(ExportBundle bundle) {
        return bundle.files().toList().sortBy(f -> Tuple.of(leadingNumber(f._1), leadingNumber(
                f._1.substring(f._1.indexOf('/') + 1)), f._1));
    }

    private static long leadingNumber(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == 0 ? Long.MAX_VALUE : Long.parseLong(s.substring(0, Math.min(i, 18)));
    }
}
