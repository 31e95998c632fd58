package dev.ibu.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonRendererTest {
    private static final Instant NOW = Instant.parse("2024-01-01T09:45:00Z");

    @Test
    void scriptsGetTheSameFactsInSeconds() {
        JsonNode json = JsonMapper.builder().build()
                .readTree(JsonRenderer.render(StatusView.of(Docs.ibu("upgrade-restoring.yaml"), NOW)));
        assertThat(json.get("rebootSeconds").asLong()).isEqualTo(395);
        assertThat(json.get("rollbackSecondsLeft").asLong()).isEqualTo(1800);
        assertThat(json.get("timeline").get(5).get("kind").asString()).isEqualTo("reboot");
        assertThat(json.get("condition").get("type").asString()).isEqualTo("UpgradeInProgress");
        assertThat(json.get("dataProtection").get("operation").asString()).isEqualTo("Restore");
        assertThat(json.get("validNextStages").get(0).asString()).isEqualTo("Rollback");
    }

    @Test
    void watchModeWritesOneObjectPerLine() {
        String line = JsonRenderer.renderLine(StatusView.of(Docs.ibu("prep-precaching.yaml"), NOW));
        assertThat(line).endsWith("}\n").doesNotContain("\n  ");
        assertThat(JsonMapper.builder().build().readTree(line).get("precache").get("percent").asInt()).isEqualTo(30);
    }
}
