package dev.ibu.apiserver.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A resource URL taken apart: {@code /api/v1[/watch][/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]} and the
 * same under {@code /apis/{group}/{version}}. The namespaces resource's own subresources are status and finalize.
 */
record ResourcePath(String group, String version, String namespace, String resource, String name, String subresource,
                    boolean legacyWatch) {

    static Optional<ResourcePath> parse(String path) {
        List<String> s = new ArrayList<>(Arrays.asList(path.replaceAll("^/+|/+$", "").split("/")));
        String group;
        String version;
        if (s.size() >= 3 && s.get(0).equals("api")) {
            group = "";
            version = s.get(1);
            s = s.subList(2, s.size());
        } else if (s.size() >= 4 && s.get(0).equals("apis")) {
            group = s.get(1);
            version = s.get(2);
            s = s.subList(3, s.size());
        } else {
            return Optional.empty();
        }
        boolean watch = !s.isEmpty() && s.get(0).equals("watch");
        if (watch) {
            s = s.subList(1, s.size());
        }
        String namespace = "";
        if (s.size() >= 3 && s.get(0).equals("namespaces") && !(s.size() == 3 && isNamespaceSubresource(s.get(2)))) {
            namespace = s.get(1);
            s = s.subList(2, s.size());
        }
        if (s.isEmpty() || s.size() > 3) {
            return Optional.empty();
        }
        return Optional.of(new ResourcePath(group, version, namespace, s.get(0), s.size() > 1 ? s.get(1) : "",
                s.size() > 2 ? s.get(2) : "", watch));
    }

    private static boolean isNamespaceSubresource(String s) {
        return s.equals("status") || s.equals("finalize");
    }

    boolean hasName() {
        return !name.isEmpty();
    }
}
