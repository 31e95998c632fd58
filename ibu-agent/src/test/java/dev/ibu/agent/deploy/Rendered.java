package dev.ibu.agent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The documents {@code kubectl kustomize deploy/base} renders, and look-ups in them. */
record Rendered(List<JsonNode> docs) {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    static Rendered kustomize(Path dir) throws Exception {
        Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(out)) {
            it.forEachRemaining(docs::add);
        }
        return new Rendered(List.copyOf(docs));
    }

    List<JsonNode> all(String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asString())).toList();
    }

    JsonNode one(String kind) {
        List<JsonNode> found = all(kind);
        assertThat(found).as("exactly one " + kind + " in the rendered manifests").hasSize(1);
        return found.get(0);
    }

    JsonNode named(String kind, String name) {
        return first(kind, d -> name.equals(d.at("/metadata/name").asString()), kind + " " + name);
    }

    JsonNode first(String kind, Predicate<JsonNode> p, String what) {
        return all(kind).stream().filter(p).findFirst()
                .orElseThrow(() -> new AssertionError("no " + what + " in the rendered manifests"));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asString()));
        }
        return out;
    }
}
