package dev.ibu.adapters.k8s.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.AutoRollbackOnFailure;
import dev.ibu.domain.ImageBasedUpgrade;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class IbuMapperTest {
    private static String specJson(long timeout) {
        ImageBasedUpgrade ibu = ImageBasedUpgrade.fresh();
        var spec = ibu.spec();
        ibu = ibu.withSpec(new dev.ibu.domain.Spec(spec.stage(), spec.seedImageRef(), spec.oadpContent(),
                spec.extraManifests(), Option.some(new AutoRollbackOnFailure(timeout))));
        return Serialization.asJson(IbuMapper.toResource(ibu).getSpec());
    }

    @Test
    void the_default_timeout_is_written_as_upstream_does_an_empty_object() {
        assertThat(specJson(0)).contains("\"autoRollbackOnFailure\":{}");
        assertThat(specJson(600)).contains("\"autoRollbackOnFailure\":{\"initMonitorTimeoutSeconds\":600}");
    }
}
