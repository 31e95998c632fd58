package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.OadpNames;
import dev.ibu.adapters.oadp.VeleroCr;
import io.vavr.control.Either;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Velero Backup spec selects, interpreted as Velero does: namespaces ({@code includedNamespaces}, empty or
 * {@code *} for all, {@code excludedNamespaces}, {@code *} globs), resources in the old style ({@code
 * includedResources}, {@code excludedResources}, {@code includeClusterResources}) or the new scoped style ({@code
 * included|excludedNamespaceScopedResources}, {@code included|excludedClusterScopedResources}) but not both, and
 * {@code labelSelector} or {@code orLabelSelectors} (not both). The apply-label selector is AND-ed as upstream does.
 */
public record BackupSelection(String backupName, List<String> includedNamespaces, List<String> excludedNamespaces,
                              boolean newStyle, List<String> includedResources, List<String> excludedResources,
                              Boolean includeClusterResources, List<String> includedClusterScoped,
                              List<String> excludedClusterScoped, List<LabelSelector> selectors) {

    private static final List<String> OLD = List.of("includedResources", "excludedResources", "includeClusterResources");
    private static final List<String> NEW = List.of("includedNamespaceScopedResources", "excludedNamespaceScopedResources",
            "includedClusterScopedResources", "excludedClusterScopedResources");

    public BackupSelection {
        includedNamespaces = List.copyOf(includedNamespaces);
        excludedNamespaces = List.copyOf(excludedNamespaces);
        includedResources = List.copyOf(includedResources);
        excludedResources = List.copyOf(excludedResources);
        includedClusterScoped = List.copyOf(includedClusterScoped);
        excludedClusterScoped = List.copyOf(excludedClusterScoped);
        selectors = List.copyOf(selectors);
    }

    /** The selection of {@code backup}; {@code applyLabelled} AND-s {@code lca.openshift.io/backup=<name>}. */
    public static Either<String, BackupSelection> of(VeleroCr backup, boolean applyLabelled) {
        Map<String, Object> spec = backup.spec();
        String head = "Backup " + backup.name() + ": ";
        boolean old = OLD.stream().anyMatch(spec::containsKey);
        boolean scoped = NEW.stream().anyMatch(spec::containsKey);
        if (old && scoped) {
            return Either.left(head + "includedResources, excludedResources and includeClusterResources are old filter"
                    + " parameters; included/excludedNamespaceScopedResources and included/excludedClusterScopedResources"
                    + " are new ones. They cannot be used together: keep one style");
        }
        if (spec.get("labelSelector") != null && spec.get("orLabelSelectors") != null) {
            return Either.left(head + "labelSelector and orLabelSelectors cannot be used together: keep one");
        }
        List<LabelSelector> selectors = new ArrayList<>();
        if (spec.get("orLabelSelectors") instanceof List<?> ors && !ors.isEmpty()) {
            for (int i = 0; i < ors.size(); i++) {
                Either<String, LabelSelector> s = LabelSelector.parse(ors.get(i), "spec.orLabelSelectors[" + i + "]");
                if (s.isLeft()) {
                    return Either.left(head + s.getLeft());
                }
                selectors.add(s.get());
            }
        } else {
            Either<String, LabelSelector> s = LabelSelector.parse(spec.get("labelSelector"), "spec.labelSelector");
            if (s.isLeft()) {
                return Either.left(head + s.getLeft());
            }
            selectors.add(s.get());
        }
        if (applyLabelled) {
            selectors.replaceAll(s -> s.and(OadpNames.BACKUP_LABEL, backup.name()));
        }
        Object icr = spec.get("includeClusterResources");
        List<String> included = scoped ? backup.specStrings("includedNamespaceScopedResources")
                : backup.specStrings("includedResources");
        List<String> excluded = scoped ? backup.specStrings("excludedNamespaceScopedResources")
                : backup.specStrings("excludedResources");
        return Either.right(new BackupSelection(backup.name(), backup.specStrings("includedNamespaces"),
                backup.specStrings("excludedNamespaces"), scoped, included, excluded,
                icr instanceof Boolean b ? b : null, backup.specStrings("includedClusterScopedResources"),
                backup.specStrings("excludedClusterScopedResources"), selectors));
    }

    public boolean allNamespaces() {
        return (includedNamespaces.isEmpty() || includedNamespaces.contains("*")) && excludedNamespaces.isEmpty();
    }

    public boolean namespaceIncluded(String ns) {
        boolean in = includedNamespaces.isEmpty() || includedNamespaces.stream().anyMatch(p -> glob(p, ns));
        return in && excludedNamespaces.stream().noneMatch(p -> glob(p, ns));
    }

    /** The namespaces named explicitly (no glob), to list only those; empty when all must be listed. */
    public List<String> explicitNamespaces() {
        if (includedNamespaces.isEmpty() || includedNamespaces.stream().anyMatch(p -> p.contains("*"))) {
            return List.of();
        }
        return includedNamespaces.stream().filter(this::namespaceIncluded).distinct().toList();
    }

    /** Whether items of {@code r} are backed up (before namespace and label filtering). */
    public boolean takes(ApiResource r) {
        if (r.namespaced()) {
            return (includedResources.isEmpty() || includedResources.stream().anyMatch(r::named))
                    && excludedResources.stream().noneMatch(r::named);
        }
        if (newStyle) {
            return includedClusterScoped.stream().anyMatch(r::named) && excludedClusterScoped.stream().noneMatch(r::named);
        }
        boolean clusterWanted = includeClusterResources == null ? allNamespaces() : includeClusterResources;
        return clusterWanted && (includedResources.isEmpty() || includedResources.stream().anyMatch(r::named))
                && excludedResources.stream().noneMatch(r::named);
    }

    /** Whether a cluster-scoped item related to a taken one (the PV of a PVC) may be added, as Velero does. */
    public boolean takesRelated(ApiResource r) {
        if (newStyle) {
            return excludedClusterScoped.stream().noneMatch(r::named);
        }
        return !Boolean.FALSE.equals(includeClusterResources) && excludedResources.stream().noneMatch(r::named);
    }

    public boolean labelsMatch(Map<String, String> labels) {
        return selectors.stream().anyMatch(s -> s.matches(labels));
    }

    public boolean hasLabelSelector() {
        return selectors.stream().anyMatch(s -> !s.isEmpty());
    }

    /** Every resource filter entry, to warn about names the API server does not serve. */
    public List<String> resourceEntries() {
        List<String> all = new ArrayList<>(includedResources);
        all.addAll(excludedResources);
        all.addAll(includedClusterScoped);
        all.addAll(excludedClusterScoped);
        return all;
    }

    static boolean glob(String pattern, String value) {
        if (!pattern.contains("*")) {
            return pattern.equals(value);
        }
        String regex = java.util.Arrays.stream(pattern.split("\\*", -1)).map(java.util.regex.Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*"));
        return value.matches(regex);
    }
}
