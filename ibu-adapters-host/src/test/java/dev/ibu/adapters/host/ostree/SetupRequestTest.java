package dev.ibu.adapters.host.ostree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.PullSecret;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class SetupRequestTest {

    @Test
    void a_setup_survives_its_record_with_and_without_a_pull_secret() {
        StaterootSetup with = new StaterootSetup("rhcos_4.16.0", "4.16.0", "quay.io/x/seed:4.16.0",
            Option.some(new PullSecret("seed-pull", "{\"auths\":{\"quay.io\":{\"auth\":\"c2VjcmV0\"}}}")),
            new AutoRollbackConfig(false, 600, true, false));
        StaterootSetup without = new StaterootSetup("rhcos_4.16.0", "4.16.0", "quay.io/x/seed:4.16.0", Option.none(),
            new AutoRollbackConfig(true, 1800, false, true));

        assertThat(SetupRequest.decode(SetupRequest.encode(with))).isEqualTo(with);
        assertThat(SetupRequest.decode(SetupRequest.encode(without))).isEqualTo(without);
    }

    @Test
    void its_text_never_shows_the_pull_secret() {
        String json = SetupRequest.encode(new StaterootSetup("rhcos_4.16.0", "4.16.0", "seed", Option.some(
            new PullSecret("s", "{\"auths\":{\"r\":{\"auth\":\"c2VjcmV0\"}}}")), new AutoRollbackConfig(true, 1, true, true)));
        SetupRequest r = tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, SetupRequest.class);

        assertThat(r.toString()).doesNotContain("c2VjcmV0").contains("<redacted>");
    }
}
