package dev.ibu.adapters.k8s.manifests;

import dev.ibu.ports.out.ExportBundle;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * File names and contents of exported extra manifests: {@code <group>/<j>_<Kind>_<name>_<namespace>.yaml}, the
 * first segment being the apply group ({@link ExportBundle}'s convention). Policy groups come first, then the
 * ConfigMaps' wave groups, numbered on from there. The apply order is read back from the numbers, not from the
 * listing order, so group 10 follows group 9 (upstream sorted file names lexicographically).
 */
final class ExportFiles {
    private static final Pattern NAME = Pattern.compile("^(\\d+)/(\\d+)_[^/]*\\.yaml$");
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private ExportFiles() {
    }

    static ExportBundle bundle(List<List<Manifest>> policyGroups, List<List<Manifest>> configMapGroups) {
        LinkedHashMap<String, String> files = LinkedHashMap.empty();
        List<List<Manifest>> groups = policyGroups.appendAll(configMapGroups);
        for (int g = 0; g < groups.size(); g++) {
            List<Manifest> group = groups.get(g);
            for (int j = 0; j < group.size(); j++) {
                Manifest m = group.get(j);
                String name = (g + 1) + "/" + (j + 1) + "_" + safe(m.kind()) + "_"
                        + safe(m.name()) + "_" + safe(m.namespace()) + ".yaml";
                files = files.put(name, YAML.writeValueAsString(m.object()));
            }
        }
        return new ExportBundle(files);
    }

    /** File names are labels only (the object is in the content): keep them to a safe alphabet. */
    static String safe(String part) {
        return part == null ? "" : part.replaceAll("[^A-Za-z0-9_.-]", "_").replace("..", "__");
    }

    /** The files in apply order; Left names a file that is not an extra-manifest export. */
    static Either<String, List<Tuple2<String, String>>> ordered(ExportBundle bundle) {
        List<Tuple2<String, String>> files = List.ofAll(bundle.files().toJavaMap().entrySet())
                .map(e -> Tuple.of(e.getKey(), e.getValue()));
        for (Tuple2<String, String> f : files) {
            if (!NAME.matcher(f._1).matches()) {
                return Either.left("file " + f._1 + " is not an extra-manifest export (expected "
                        + "<group>/<index>_<Kind>_<name>_<namespace>.yaml)");
            }
        }
        return Either.right(files.sorted(Comparator.comparing((Tuple2<String, String> f) ->
                new java.math.BigInteger(key(f._1, 1))).thenComparing(f -> new java.math.BigInteger(key(f._1, 2)))));
    }

    private static String key(String name, int group) {
        Matcher m = NAME.matcher(name);
        m.matches();
        return m.group(group);
    }

    @SuppressWarnings("unchecked")
    static Either<String, Manifest> read(String name, String content) {
        try {
            Object object = YAML.readValue(content, Object.class);
            if (!(object instanceof Map)) {
                return Either.left("exported file " + name + " does not hold an object");
            }
            return Either.right(new Manifest("exported file " + name, (Map<String, Object>) object));
        } catch (JacksonException e) {
            return Either.left("exported file " + name + " cannot be read: " + e.getOriginalMessage());
        }
    }
}
