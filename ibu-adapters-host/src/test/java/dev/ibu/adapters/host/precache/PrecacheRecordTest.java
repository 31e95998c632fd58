package dev.ibu.adapters.host.precache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.ImageCleanup;
import dev.ibu.ports.out.PullSecret;
import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecacheRecordTest {

    @Test
    void images_pull_secret_and_cleanup_survive_the_record_and_the_text_hides_the_secret() {
        PullSecret secret = new PullSecret("pull", "{\"auths\":{\"r\":{\"auth\":\"c2VjcmV0\"}}}");
        PrecacheRecord r = PrecacheRecord.decode(PrecacheRecord.encode(List.of("r/a:1", "r/b@sha256:00"),
            Option.some(secret), new ImageCleanup(true, 85)));

        assertThat(r.images()).containsExactly("r/a:1", "r/b@sha256:00");
        assertThat(r.pullSecret()).contains(secret);
        assertThat(r.cleanup()).isEqualTo(new ImageCleanup(true, 85));
        assertThat(r.toString()).doesNotContain("c2VjcmV0");
        PrecacheRecord plain = PrecacheRecord.decode(PrecacheRecord.encode(List.of("r/a:1"), Option.none(),
            ImageCleanup.DISABLED));
        assertThat(plain.pullSecret()).isEmpty();
        assertThat(plain.cleanup().enabled()).isFalse();
    }

    @Test
    void a_record_written_before_the_cleanup_was_kept_resumes_with_the_default_cleanup() {
        PrecacheRecord old = PrecacheRecord.decode("{\"images\":[\"r/a:1\"],\"pullSecretName\":null,\"pullSecretJson\":null}");

        assertThat(old.cleanup()).isEqualTo(ImageCleanup.DEFAULT);
    }
}
