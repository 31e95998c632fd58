package dev.ibu.adapters.host.precache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.out.PullSecret;
import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecacheRequestTest {

    @Test
    void images_and_pull_secret_survive_the_record_and_the_text_hides_the_secret() {
        PullSecret secret = new PullSecret("pull", "{\"auths\":{\"r\":{\"auth\":\"c2VjcmV0\"}}}");
        PrecacheRequest r = PrecacheRequest.decode(PrecacheRequest.encode(List.of("r/a:1", "r/b@sha256:00"),
            Option.some(secret)));

        assertThat(r.images()).containsExactly("r/a:1", "r/b@sha256:00");
        assertThat(r.pullSecret()).contains(secret);
        assertThat(r.toString()).doesNotContain("c2VjcmV0");
        assertThat(PrecacheRequest.decode(PrecacheRequest.encode(List.of("r/a:1"), Option.none())).pullSecret()).isEmpty();
    }
}
