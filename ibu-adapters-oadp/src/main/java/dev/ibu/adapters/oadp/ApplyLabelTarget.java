package dev.ibu.adapters.oadp;

import io.vavr.control.Either;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One object named in a Backup's {@code lca.openshift.io/apply-label} annotation. {@code group} is empty
 * for the core group and {@code namespace} is empty for cluster-scoped objects; {@code resource} is the
 * REST plural used in URLs (not validated against discovery, as upstream).
 */
public record ApplyLabelTarget(String group, String version, String resource, String namespace, String name) {
    public ApplyLabelTarget {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(namespace, "namespace");
        requireText(version, "version");
        requireText(resource, "resource");
        requireText(name, "name");
    }

    /**
     * Parses the annotation as upstream does: split on {@code ,} without trimming, drop exact duplicates,
     * then interpret 3, 4 or 5 {@code /}-separated segments. Absent or empty means no objects.
     */
    public static Either<String, List<ApplyLabelTarget>> parse(Map<String, String> annotations) {
        String value = annotations == null ? null : annotations.get(OadpNames.APPLY_LABEL);
        if (value == null || value.isEmpty()) {
            return Either.right(List.of());
        }
        List<ApplyLabelTarget> targets = new ArrayList<>();
        for (String entry : new LinkedHashSet<>(List.of(value.split(",", -1)))) {
            ApplyLabelTarget target = parseEntry(entry);
            if (target == null) {
                return Either.left("invalid apply-label obj in annotation value: " + entry);
            }
            targets.add(target);
        }
        return Either.right(List.copyOf(targets));
    }

    private static ApplyLabelTarget parseEntry(String entry) {
        String[] s = entry.split("/", -1);
        for (String segment : s) {
            if (segment.isEmpty()) {
                return null;
            }
        }
        return switch (s.length) {
            case 3 -> new ApplyLabelTarget("", s[0], s[1], "", s[2]);
            case 4 -> "v1".equals(s[0])
                    ? new ApplyLabelTarget("", s[0], s[1], s[2], s[3])
                    : new ApplyLabelTarget(s[0], s[1], s[2], "", s[3]);
            case 5 -> new ApplyLabelTarget(s[0], s[1], s[2], s[3], s[4]);
            default -> null;
        };
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public boolean namespaced() {
        return !namespace.isEmpty();
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("apply-label target needs a non-empty " + field);
        }
    }
}
