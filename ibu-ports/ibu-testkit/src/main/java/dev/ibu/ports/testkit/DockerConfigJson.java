package dev.ibu.ports.testkit;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The check the pull secret port contract asks for: {@code .dockerconfigjson} must be one JSON object. */
final class DockerConfigJson {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private DockerConfigJson() {
    }

    static boolean isJsonObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject();
        } catch (JacksonException e) {
            // the parser's message may quote the secret: it goes nowhere
            return false;
        }
    }
}
