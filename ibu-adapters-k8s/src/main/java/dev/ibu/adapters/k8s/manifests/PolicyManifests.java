package dev.ibu.adapters.k8s.manifests;

import dev.ibu.adapters.k8s.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manifests carried by ZTP {@code inform} policies (oadp-and-manifests.md §3.4): objects labelled
 * {@code lca.openshift.io/target-ocp-version} with a value matching the target version. {@code musthave} objects
 * are applied by merge, {@code mustonlyhave} by replace; unlike upstream, the apply type is recorded even when the
 * object had no annotations. Each policy is its own group, in (ztp-deploy-wave, name) order.
 */
final class PolicyManifests {
    static final String TARGET_VERSION_LABEL = "lca.openshift.io/target-ocp-version";
    static final String ZTP_WAVE = "ran.openshift.io/ztp-deploy-wave";
    private static final Logger LOG = LoggerFactory.getLogger(PolicyManifests.class);
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)(.*)$");

    private final KubernetesClient client;

    PolicyManifests(KubernetesClient client) {
        this.client = client;
    }

    /** {@code 4.15.2-ec.3} gives {@code [4.15.2, 4.15, 4.15.2-ec.3]}. */
    static Either<String, List<String>> matchingVersions(String version) {
        Matcher m = VERSION.matcher(version == null ? "" : version);
        if (!m.matches()) {
            return Either.left("failed to parse target ocp version " + version + ": expected MAJOR.MINOR.PATCH "
                    + "(spec.seedImageRef.version)");
        }
        String full = m.group(1) + "." + m.group(2) + "." + m.group(3);
        List<String> versions = List.of(full, m.group(1) + "." + m.group(2));
        return Either.right(version.equals(full) ? versions : versions.append(version));
    }

    /** Groups of policy manifests for {@code targetVersion}; Left lists what is wrong in which policy. */
    Either<List<String>, List<List<Manifest>>> groups(String targetVersion) {
        List<GenericKubernetesResource> selected = selected();
        if (selected.isEmpty()) {
            return Either.right(List.empty());
        }
        Either<String, List<String>> versions = matchingVersions(targetVersion);
        if (versions.isLeft()) {
            return Either.left(List.of(versions.getLeft()));
        }
        List<String> errors = List.empty();
        List<List<Manifest>> groups = List.empty();
        for (GenericKubernetesResource policy : selected) {
            Either<List<String>, List<Manifest>> objects = objects(policy, versions.get());
            if (objects.isLeft()) {
                errors = errors.appendAll(objects.getLeft());
            } else if (!objects.get().isEmpty()) {
                groups = groups.append(objects.get());
            }
        }
        return errors.isEmpty() ? Either.right(groups) : Either.left(errors);
    }

    private List<GenericKubernetesResource> selected() {
        List<GenericKubernetesResource> all;
        try {
            all = List.ofAll(client.genericKubernetesResources(Kinds.POLICY).inAnyNamespace().list().getItems());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.empty(); // ACM is not installed: no policies to carry
            }
            throw e;
        }
        return all.filter(p -> !"enforce".equalsIgnoreCase(string(p, "spec", "remediationAction")))
                .filter(p -> annotation(p, ZTP_WAVE) != null)
                .filter(p -> p.getMetadata().getName().contains("."))
                .sorted(Comparator.comparingLong(PolicyManifests::wave)
                        .thenComparing(p -> p.getMetadata().getName()));
    }

    private static long wave(GenericKubernetesResource p) {
        String w = annotation(p, ZTP_WAVE);
        try {
            return Long.parseLong(w);
        } catch (NumberFormatException e) {
            LOG.error("Policy {}/{}: annotation {} \"{}\" is not an integer; using wave 0",
                    p.getMetadata().getNamespace(), p.getMetadata().getName(), ZTP_WAVE, w);
            return 0;
        }
    }

    private Either<List<String>, List<Manifest>> objects(GenericKubernetesResource policy, List<String> versions) {
        if ("true".equals(string(policy, "spec", "disabled"))) {
            return Either.right(List.empty());
        }
        String where = "Policy " + policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
        List<Manifest> found = List.empty();
        List<String> errors = List.empty();
        int t = 0;
        for (Object template : list(Maps.at(policy.getAdditionalProperties(), "spec", "policy-templates"))) {
            int o = 0;
            for (Object entry : list(Maps.at(template, "objectDefinition", "spec", "object-templates"))) {
                String origin = where + " policy-templates[" + t + "] object-templates[" + o++ + "]";
                String compliance = Maps.string(entry, "complianceType");
                Object definition = Maps.at(entry, "objectDefinition");
                if ("mustnothave".equalsIgnoreCase(compliance) || !(definition instanceof Map)
                        || !versions.contains(Maps.string(definition, "metadata", "labels", TARGET_VERSION_LABEL))) {
                    continue;
                }
                String type = "musthave".equalsIgnoreCase(compliance) ? ManifestApplier.MERGE
                        : "mustonlyhave".equalsIgnoreCase(compliance) ? ManifestApplier.REPLACE : null;
                if (type == null) {
                    errors = errors.append("unsupported compliance type: " + compliance + " (" + origin + ")");
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> object = Maps.deepCopy((Map<String, Object>) definition);
                object.remove("status");
                found = found.append(new Manifest(origin, object).withAnnotation(Manifest.APPLY_TYPE, type));
            }
            t++;
        }
        return errors.isEmpty() ? Either.right(found) : Either.left(errors);
    }

    private static java.util.List<?> list(Object o) {
        return o instanceof java.util.List ? (java.util.List<?>) o : java.util.List.of();
    }

    private static String string(GenericKubernetesResource r, String... path) {
        return Maps.string(r.getAdditionalProperties(), path);
    }

    private static String annotation(GenericKubernetesResource r, String key) {
        var a = r.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }

}
