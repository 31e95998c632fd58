package dev.ibu.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every shipped example (ibu-agent's {@code examples/*.yaml}) and every CR of the seed document goes YAML -> domain
 * -> YAML and comes back equal as a tree: the codec neither loses nor invents a field of a real document.
 */
class DocumentRoundTripTest {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** The agent's examples, read where they are shipped so that a new example is covered without a copy. */
    static final Path EXAMPLES = Path.of("../../ibu-agent/src/main/resources/examples");
    static final Path SEED = Path.of("src/test/resources/documents");

    static Stream<Path> documents() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(EXAMPLES, SEED)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith("-as-printed.yaml"))
                        .sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    @Test
    void there_are_examples_and_seed_documents_to_round_trip() throws IOException {
        assertThat(documents().filter(p -> p.startsWith(EXAMPLES))).isNotEmpty();
        assertThat(documents().filter(p -> p.startsWith(SEED))).hasSizeGreaterThanOrEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void yaml_to_domain_to_yaml_is_the_same_tree(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<JsonNode> trees = trees(text);
        var decoded = IbuCodec.readDocuments(text);
        assertThat(decoded.isRight()).as("%s: %s", file, decoded.swap().getOrNull()).isTrue();
        assertThat(decoded.get().size()).isEqualTo(trees.size());
        for (int i = 0; i < trees.size(); i++) {
            JsonNode again = YAML.readTree(IbuCodec.toYaml(decoded.get().get(i).ibu()));
            assertThat(again).as("%s, document %d", file, i + 1).isEqualTo(trees.get(i));
        }
    }

    static List<JsonNode> trees(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    out.add(n);
                }
            }
        }
        return out;
    }
}
