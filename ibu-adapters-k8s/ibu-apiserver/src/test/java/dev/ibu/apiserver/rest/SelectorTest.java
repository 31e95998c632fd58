package dev.ibu.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SelectorTest {
    final JsonNode obj = Json.parse("{\"metadata\":{\"name\":\"n\",\"namespace\":\"ns\",\"labels\":{\"app\":\"x\",\"tier\":\"web\"}}}");

    @Test
    void label_selectors() {
        assertThat(LabelSelector.parse("app=x,tier!=db").matches(obj)).isTrue();
        assertThat(LabelSelector.parse("app in (y, x),!missing").matches(obj)).isTrue();
        assertThat(LabelSelector.parse("tier notin (web)").matches(obj)).isFalse();
        assertThat(LabelSelector.parse("missing").matches(obj)).isFalse();
        assertThat(LabelSelector.parse("").matches(obj)).isTrue();
    }

    @Test
    void field_selectors_only_on_supported_fields() {
        assertThat(FieldSelector.parse("metadata.name=n,metadata.namespace!=other", "configmaps").matches(obj)).isTrue();
        assertThat(FieldSelector.parse("metadata.name==m", "configmaps").matches(obj)).isFalse();
        assertThatThrownBy(() -> FieldSelector.parse("spec.x=1", "configmaps")).isInstanceOf(StatusError.class)
                .hasMessage("field label not supported: spec.x");
    }
}
