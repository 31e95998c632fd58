package dev.ibu.adapters.k8s.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ACM {@code musthave} merge of a manifest into the live object (oadp-and-manifests.md §3.5): maps merge
 * recursively and the manifest's scalars win; keys only in the live object stay; a manifest null for a map keeps
 * the live map; lists that are both non-empty become the manifest's items first (a map item merged with the live
 * item of the same non-empty {@code name}) followed by the live items that matched none.
 * {@code mustonlyhave} is a plain replace and needs nothing here.
 */
final class MustHaveMerge {
    private MustHaveMerge() {
    }

    static Map<String, Object> merge(Map<String, Object> live, Map<String, Object> manifest) {
        Map<String, Object> out = Maps.deepCopy(live);
        manifest.forEach((key, value) -> out.put(key, mergeValue(out.get(key), value)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object live, Object desired) {
        if (desired == null) {
            return live instanceof Map ? live : null;
        }
        if (desired instanceof Map && live instanceof Map) {
            return merge((Map<String, Object>) live, (Map<String, Object>) desired);
        }
        if (desired instanceof List && live instanceof List && !((List<?>) desired).isEmpty()
                && !((List<?>) live).isEmpty()) {
            return mergeLists((List<Object>) live, (List<Object>) desired);
        }
        return desired;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeLists(List<Object> live, List<Object> desired) {
        List<Object> remaining = new ArrayList<>(live);
        List<Object> out = new ArrayList<>();
        for (Object item : desired) {
            int match = indexOfMatch(remaining, item);
            if (match < 0) {
                out.add(item);
                continue;
            }
            Object liveItem = remaining.remove(match);
            out.add(item instanceof Map && liveItem instanceof Map
                    ? merge((Map<String, Object>) liveItem, (Map<String, Object>) item) : item);
        }
        out.addAll(remaining);
        return out;
    }

    /** A live item matches when it is equal, or when both are maps with the same non-empty name. */
    private static int indexOfMatch(List<Object> live, Object item) {
        String name = item instanceof Map ? Maps.string(item, "name") : null;
        for (int i = 0; i < live.size(); i++) {
            Object candidate = live.get(i);
            if (Objects.equals(candidate, item)) {
                return i;
            }
            if (name != null && !name.isEmpty() && candidate instanceof Map
                    && name.equals(Maps.string(candidate, "name"))) {
                return i;
            }
        }
        return -1;
    }
}
