package dev.ibu.agent.ops;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    @Test
    void secret_data_and_string_data_values_are_masked_and_their_keys_kept() {
        Map<String, Object> secret = Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "pull-secret"),
                "data", Map.of(".dockerconfigjson", "eyJhdXRocyI6e319"), "stringData", Map.of("user", "alice"));

        Map<String, Object> r = Redactor.resource(secret);

        assertThat(r.get("data")).isEqualTo(Map.of(".dockerconfigjson", Redactor.REDACTED));
        assertThat(r.get("stringData")).isEqualTo(Map.of("user", Redactor.REDACTED));
        assertThat(r.get("metadata")).isEqualTo(Map.of("name", "pull-secret"));
    }

    @Test
    void credential_like_keys_lose_their_scalar_values_but_references_and_other_fields_stay() {
        Map<String, Object> bsl = new LinkedHashMap<>();
        bsl.put("kind", "BackupStorageLocation");
        bsl.put("spec", Map.of("credential", Map.of("name", "cloud-credentials", "key", "cloud"),
                "config", Map.of("region", "us-east-1", "aws_secret_access_key", "s3cr3t", "password", "p",
                        "token", "t"),
                "env", List.of(Map.of("name", "AWS_ACCESS_KEY_ID", "value", "AKIA"),
                        Map.of("name", "LOG_LEVEL", "value", "debug"))));

        String yaml = Yaml.MAPPER.writeValueAsString(Redactor.resource(bsl));

        assertThat(yaml).doesNotContain("s3cr3t", "AKIA", ": p\n", ": t\n")
                .contains("cloud-credentials", "us-east-1", "debug", "AWS_ACCESS_KEY_ID");
    }

    @Test
    void a_secret_manifest_embedded_in_configmap_data_is_redacted_field_by_field() {
        Map<String, Object> cm = Map.of("kind", "ConfigMap", "data", Map.of("secret.yaml",
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ndata:\n  key: c2VjcmV0\n---\n"
                        + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n"));

        String yaml = Yaml.MAPPER.writeValueAsString(Redactor.resource(cm));

        assertThat(yaml).doesNotContain("c2VjcmV0").contains("name: creds", "name: app", "REDACTED");
    }

    @Test
    void a_dockerconfigjson_in_a_string_is_masked_whole() {
        Map<String, Object> obj = Map.of("kind", "Thing", "spec", Map.of(".dockerconfigjson",
                "{\"auths\":{\"quay.io\":{\"auth\":\"dXNlcjpwYXNz\"}}}"));

        assertThat(Yaml.MAPPER.writeValueAsString(Redactor.resource(obj))).doesNotContain("dXNlcjpwYXNz");
    }

    @Test
    void free_text_pairs_and_bearer_tokens_are_masked() {
        assertThat(Redactor.text("user=bob password=hunter2 token: abc \"aws_secret_access_key\":\"k\" "
                + "Authorization: Bearer eyJhbGci.x.y"))
                .doesNotContain("hunter2", "abc", "\"k\"", "eyJhbGci")
                .contains("user=bob", "password=REDACTED");
        assertThat(Redactor.text("reconciled: Prep in progress")).isEqualTo("reconciled: Prep in progress");
    }

    @Test
    void url_passwords_creds_flags_and_authorization_headers_are_masked_exactly() {
        assertThat(Redactor.text("pull https://kni:s3cr%40t@quay.io/v2/ failed"))
                .isEqualTo("pull https://kni:REDACTED@quay.io/v2/ failed");
        assertThat(Redactor.text("skopeo copy --creds kni:pw1 --src-creds=a:b --dest-creds 'c:d' docker://x dir:/y"))
                .isEqualTo("skopeo copy --creds REDACTED --src-creds=REDACTED --dest-creds 'REDACTED' docker://x dir:/y");
        assertThat(Redactor.text("Authorization: Basic dXNlcjpwYXNz")).isEqualTo("Authorization: Basic REDACTED");
        assertThat(Redactor.text("{\"auths\":{\"quay.io\":{\"auth\":\"dXNl cjpw\"}}}"))
                .isEqualTo("{\"auths\":{\"quay.io\":{\"auth\":\"REDACTED\"}}}");
        assertThat(Redactor.text("GET /t?user=kni&password=p4ss&x=1")).isEqualTo("GET /t?user=kni&password=REDACTED");
        assertThat(Redactor.text("skopeo --authfile /run/ibu/auth.json --password-stdin ssh://git@github.com/x"))
                .as("file and stdin flags and a userinfo without password are not secrets")
                .isEqualTo("skopeo --authfile /run/ibu/auth.json --password-stdin ssh://git@github.com/x");
    }
}
