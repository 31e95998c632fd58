package dev.ibu.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.apiserver.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonPathTest {
    final JsonNode ibu = Json.parse("{\"spec\":{\"stage\":\"Prep\"},\"status\":{\"conditions\":["
            + "{\"type\":\"Idle\",\"reason\":\"A\",\"message\":\"first\"},{\"type\":\"PrepInProgress\",\"reason\":\"B\",\"message\":\"last\"}]}}");

    @Test
    void evaluates_the_printer_column_paths() {
        assertThat(JsonPath.find(ibu, ".spec.stage").get(0).asString()).isEqualTo("Prep");
        assertThat(JsonPath.find(ibu, ".status.conditions[-1:].message").get(0).asString()).isEqualTo("last");
        assertThat(JsonPath.find(ibu, ".status.conditions[0].reason").get(0).asString()).isEqualTo("A");
        assertThat(JsonPath.find(ibu, ".status.conditions[?(@.type==\"Idle\")].message").get(0).asString()).isEqualTo("first");
        assertThat(JsonPath.find(ibu, ".status.conditions[*].reason")).hasSize(2);
        assertThat(JsonPath.find(ibu, ".status.missing")).isEmpty();
    }
}
