package dev.ibu.agent.ops;

import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** YAML as {@code oc get -o yaml} prints it: few quotes, block literals, no document marker. */
final class Yaml {
    static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.LITERAL_BLOCK_STYLE,
                    YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER, YAMLWriteFeature.SPLIT_LINES).build();

    private Yaml() {
    }
}
