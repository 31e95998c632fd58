package dev.ibu.agent.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Whatever the secret and the log noise around it, no secret written in a known credential form survives
 * {@link Redactor#text}, and the noise before it does.
 */
class RedactorPropertyTest {

    /** A credential form: (user, secret) to the text a tool would log. */
    record Form(String name, boolean quoted, BiFunction<String, String, String> render) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Form> FORMS = List.of(
        new Form("https userinfo", false, (u, s) -> "pulling https://" + u + ":" + s + "@quay.io/v2/ocp/seed/manifests/4.16"),
        new Form("http userinfo with port", false, (u, s) -> "GET http://" + u + ":" + s + "@127.0.0.1:5000/v2/"),
        new Form("docker userinfo", false, (u, s) -> "copy docker://" + u + ":" + s + "@registry.local/seed:1"),
        new Form("--creds space", false, (u, s) -> "skopeo copy --creds " + u + ":" + s + " docker://a/b:1 dir:/x"),
        new Form("--creds=", false, (u, s) -> "skopeo inspect --creds=" + u + ":" + s + " docker://a/b:1"),
        new Form("--src-creds space", false, (u, s) -> "skopeo copy --src-creds " + u + ":" + s + " docker://a dir:/b"),
        new Form("--dest-creds=", false, (u, s) -> "skopeo copy --dest-creds=" + u + ":" + s + " dir:/b docker://c"),
        new Form("--creds quoted", true, (u, s) -> "skopeo copy --creds \"" + u + ":" + s + "\" docker://a dir:/b"),
        new Form("--password space", false, (u, s) -> "podman login -u " + u + " --password " + s + " quay.io"),
        new Form("Authorization Bearer", false, (u, s) -> "> Authorization: Bearer " + s),
        new Form("Authorization Basic", false, (u, s) -> "> Authorization: Basic " + s),
        new Form("authorization= quoted", false, (u, s) -> "header authorization=\"Basic " + s + "\" sent"),
        new Form("bare bearer", false, (u, s) -> "retrying with bearer " + s + " for " + u),
        new Form("docker config auth", true, (u, s) -> "{\"auths\":{\"quay.io\":{\"auth\":\"" + s + "\",\"email\":\"" + u + "@x\"}}}"),
        new Form("docker config auth spaced", true, (u, s) -> "{\"auths\": {\"quay.io\": {\"auth\": \"" + s + "\"}}}"),
        new Form("docker config identitytoken", true, (u, s) -> "{\"auths\":{\"r\":{\"identitytoken\":\"" + s + "\"}}}"),
        new Form("json password", true, (u, s) -> "{\"username\":\"" + u + "\",\"password\":\"" + s + "\"}"),
        new Form("password=", false, (u, s) -> "user=" + u + " password=" + s + " ok"),
        new Form("query password", false, (u, s) -> "GET /login?user=" + u + "&password=" + s + "&next=/ HTTP/1.1"),
        new Form("query token", false, (u, s) -> "GET /v2/token?service=quay.io&token=" + s + " 200"),
        new Form("access_token", false, (u, s) -> "oauth access_token=" + s + ", expires_in=300"),
        new Form("yaml password", false, (u, s) -> "password: " + s),
        new Form("yaml quoted token", true, (u, s) -> "token: '" + s + "'"),
        new Form("aws secret", false, (u, s) -> "aws_secret_access_key = " + s),
        new Form("api key", false, (u, s) -> "X-Api-Key: " + s));

    private static final List<String> NOISE = List.of("I1207", "03:12:44.101", "agent", "reconcile", "stage=Prep",
        "phase", "precache", "pulled", "image", "quay.io/ocp/release:4.16", "ok", "msg=\"done\"", "level=info",
        "[stateroot]", "rhcos_4.16.0", "{}", "42", "--verbose", "-n", "openshift-lifecycle-agent");

    /** Secrets: 12-40 characters of what passwords, base64 and JWTs are made of. */
    private static Gen<String> secrets(String alphabet) {
        Gen<Character> c = integers().between(0, alphabet.length() - 1).map(alphabet::charAt);
        return lists().of(c).ofSizeBetween(12, 40).map(l -> {
            StringBuilder sb = new StringBuilder();
            l.forEach(sb::append);
            return sb.toString();
        });
    }

    private static final String PLAIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/=!%*$-:";
    private static final String IN_QUOTES = PLAIN + " ,}{@&#;";

    private static Gen<String> noise() {
        return lists().of(arbitrary().pick(NOISE)).ofSizeBetween(0, 6).map(l -> String.join(" ", l));
    }

    @Test
    void no_secret_in_a_credential_form_survives_and_the_noise_before_it_does() {
        Gen<Form> forms = arbitrary().pick(FORMS);
        Gen<String> users = arbitrary().pick(List.of("admin", "kni", "robot+ci", "user"));
        qt().withExamples(3000).forAll(forms, users, secrets(IN_QUOTES), noise().zip(noise(), List::of))
            .checkAssert((form, user, raw, around) -> {
                String secret = form.quoted() ? raw : plain(raw);
                if (form.name().contains("userinfo")) {
                    secret = secret.replace("@", "%40"); // a URL's userinfo percent-encodes '@'
                }
                String before = around.get(0);
                String line = before + " " + form.render().apply(user, secret) + " " + around.get(1);

                String out = Redactor.text(line);

                assertThat(out).as(form + ": " + line).doesNotContain(secret).contains(Redactor.REDACTED).startsWith(before);
            });
    }

    /** Outside quotes a value ends at a blank, comma or brace: those become 'x'. */
    private static String plain(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(PLAIN.indexOf(c) >= 0 ? c : 'x');
        }
        return sb.toString();
    }

    @Test
    void every_form_is_exercised_and_noise_alone_is_left_as_it_is() {
        assertThat(FORMS).hasSizeGreaterThanOrEqualTo(25);
        qt().forAll(noise()).checkAssert(n -> assertThat(Redactor.text(n)).isEqualTo(n));
    }
}
