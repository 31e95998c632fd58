package dev.ibu.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.AutoRollbackOnFailure;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Spec;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** What the codec writes, where upstream's Go types decide the shape ({@code omitempty}, field order). */
class IbuCodecEncodingTest {
    private static String json(long timeout) {
        ImageBasedUpgrade ibu = ImageBasedUpgrade.fresh();
        Spec spec = ibu.spec();
        return IbuCodec.toJson(ibu.withSpec(new Spec(spec.stage(), spec.seedImageRef(), spec.oadpContent(),
                spec.extraManifests(), Option.some(new AutoRollbackOnFailure(timeout)))));
    }

    @Test
    void the_default_timeout_is_written_as_upstream_does_an_empty_object() {
        assertThat(json(0)).contains("\"autoRollbackOnFailure\":{}");
        assertThat(json(600)).contains("\"autoRollbackOnFailure\":{\"initMonitorTimeoutSeconds\":600}");
    }

    @Test
    void a_fresh_ibu_is_the_whole_object_in_upstream_order_and_nothing_empty() {
        assertThat(IbuCodec.toJson(ImageBasedUpgrade.fresh())).isEqualTo("{\"apiVersion\":\"lca.openshift.io/v1\","
                + "\"kind\":\"ImageBasedUpgrade\",\"metadata\":{\"name\":\"upgrade\",\"generation\":1},"
                + "\"spec\":{\"stage\":\"Idle\"}}");
    }

    @Test
    void yaml_is_what_oc_get_prints() {
        assertThat(IbuCodec.toYaml(ImageBasedUpgrade.fresh())).isEqualTo("apiVersion: lca.openshift.io/v1\n"
                + "kind: ImageBasedUpgrade\nmetadata:\n  name: upgrade\n  generation: 1\nspec:\n  stage: Idle\n");
    }
}
