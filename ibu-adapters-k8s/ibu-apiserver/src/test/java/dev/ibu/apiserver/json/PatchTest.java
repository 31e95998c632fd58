package dev.ibu.apiserver.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatchTest {
    @Test
    void merge_patch_replaces_arrays_and_null_removes() {
        assertThat(MergePatch.apply(Json.parse("{\"a\":[1,2],\"b\":{\"c\":1,\"d\":2}}"), Json.parse("{\"a\":[3],\"b\":{\"c\":null}}")))
                .isEqualTo(Json.parse("{\"a\":[3],\"b\":{\"d\":2}}"));
    }

    @Test
    void strategic_merge_patch_merges_lists_by_key_and_ignores_directives() {
        assertThat(StrategicMergePatch.apply(
                Json.parse("{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\"},{\"name\":\"b\",\"image\":\"y\"}]}}"),
                Json.parse("{\"$setElementOrder/containers\":[],\"spec\":{\"containers\":[{\"name\":\"b\",\"image\":\"z\"},"
                        + "{\"name\":\"a\",\"$patch\":\"delete\"}]}}")))
                .isEqualTo(Json.parse("{\"spec\":{\"containers\":[{\"name\":\"b\",\"image\":\"z\"}]}}"));
    }
}
