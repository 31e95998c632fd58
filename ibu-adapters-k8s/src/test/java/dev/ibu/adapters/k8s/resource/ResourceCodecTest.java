package dev.ibu.adapters.k8s.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.codec.IbuCodec;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.contract.Samples;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The fabric8 object is the codec's JSON: what the adapter sends is, as a tree, what ibu.json holds. */
class ResourceCodecTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void the_resource_serialises_to_the_codec_json() {
        for (ImageBasedUpgrade ibu : List.of(ImageBasedUpgrade.fresh(), Samples.upgradingIbu())) {
            assertThat(JSON.readTree(Serialization.asJson(ResourceCodec.toResource(ibu))))
                    .isEqualTo(JSON.readTree(IbuCodec.toJson(ibu)));
            assertThat(ResourceCodec.toDomain(ResourceCodec.toResource(ibu))).isEqualTo(ibu);
        }
    }

    @Test
    void a_resource_the_crd_forbids_is_named_not_half_read() {
        ImageBasedUpgradeResource cr = Serialization.unmarshal("{\"apiVersion\":\"lca.openshift.io/v1\","
                + "\"kind\":\"ImageBasedUpgrade\",\"metadata\":{\"name\":\"upgrade\"},\"spec\":{\"stage\":\"Idle\","
                + "\"oadpContent\":[{\"name\":\"cm\"}]}}", ImageBasedUpgradeResource.class);

        assertThat(ResourceCodec.decode(cr).getLeft().message())
                .isEqualTo("spec.oadpContent[0] needs both name and namespace of a ConfigMap");
    }

    @Test
    void the_servers_own_metadata_is_ignored() {
        ImageBasedUpgradeResource cr = ResourceCodec.toResource(Samples.upgradingIbu());
        cr.setMetadata(new ObjectMetaBuilder(cr.getMetadata()).withUid("u-1").withResourceVersion("77")
                .withCreationTimestamp("2024-01-01T09:00:00Z").build());

        assertThat(ResourceCodec.toDomain(cr)).isEqualTo(Samples.upgradingIbu().withMetadata(
                Samples.upgradingIbu().metadata().withResourceVersion("77")));
    }
}
