package dev.ibu.codec;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** The codec's two Jackson mappers: compact JSON, and YAML as {@code oc get -o yaml} writes it. */
final class Mappers {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();

    private Mappers() {
    }
}
