package dev.ibu.apiserver.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldErrorTest {
    @Test
    void prints_values_as_apimachinery_does() {
        assertThat(FieldError.invalid("spec.x", -5L, "too small").toString()).isEqualTo("spec.x: Invalid value: -5: too small");
        assertThat(FieldError.invalid("spec.x", "a\"b", "bad").toString()).isEqualTo("spec.x: Invalid value: \"a\\\"b\": bad");
        assertThat(FieldError.invalid(null, FieldError.NULL, "note").toString()).isEqualTo("<nil>: Invalid value: \"null\": note");
        assertThat(FieldError.invalid("spec.x", 1.5, "d").toString()).isEqualTo("spec.x: Invalid value: 1.5: d");
        assertThat(FieldError.required("spec.y", "").toString()).isEqualTo("spec.y: Required value");
        assertThat(FieldError.forbidden("m", "why").toString()).isEqualTo("m: Forbidden: why");
        assertThat(FieldError.notSupported("s", "Foo", List.of("A", "B")).toString())
                .isEqualTo("s: Unsupported value: \"Foo\": supported values: \"A\", \"B\"");
    }

    @Test
    void invalid_aggregates_one_error_bare_and_several_in_brackets() {
        GroupKind gk = new GroupKind("lca.openshift.io", "ImageBasedUpgrade");
        assertThat(StatusError.invalid(gk, "u", List.of(FieldError.required("a", ""))).getMessage())
                .isEqualTo("ImageBasedUpgrade.lca.openshift.io \"u\" is invalid: a: Required value");
        assertThat(StatusError.invalid(gk, "u", List.of(FieldError.required("a", ""), FieldError.required("b", ""))).getMessage())
                .isEqualTo("ImageBasedUpgrade.lca.openshift.io \"u\" is invalid: [a: Required value, b: Required value]");
        assertThat(StatusError.invalid(new GroupKind("", "ConfigMap"), "c", List.of()).getMessage()).isEqualTo("ConfigMap \"c\" is invalid");
    }
}
