package dev.ibu.adapters.host.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Manifest lists told from single images, as {@code skopeo inspect --raw} prints them; uname -m names mapped to GOARCH. */
class ManifestPlatformsTest {

    @Test
    void a_docker_manifest_list_names_its_entries_architectures() {
        String raw = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
             {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:1","size":1,
              "platform":{"architecture":"amd64","os":"linux"}},
             {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:2","size":1,
              "platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]}""";

        assertThat(ManifestPlatforms.listedArchitectures(raw)).contains(List.of("amd64", "arm64"));
    }

    @Test
    void an_oci_index_with_or_without_media_type_is_a_list_and_attestations_are_not_entries() {
        String withType = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
             {"digest":"sha256:1","size":1,"platform":{"architecture":"s390x","os":"linux"}},
             {"digest":"sha256:2","size":1,"platform":{"architecture":"unknown","os":"unknown"}}]}""";
        String untyped = """
            {"schemaVersion":2,"manifests":[{"digest":"sha256:1","size":1,"platform":{"architecture":"ppc64le","os":"linux"}}]}""";

        assertThat(ManifestPlatforms.listedArchitectures(withType)).contains(List.of("s390x"));
        assertThat(ManifestPlatforms.listedArchitectures(untyped)).contains(List.of("ppc64le"));
    }

    @Test
    void a_single_image_or_garbage_is_not_a_list() {
        String single = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"digest":"sha256:c","size":1},"layers":[]}""";

        assertThat(ManifestPlatforms.listedArchitectures(single)).isEmpty();
        assertThat(ManifestPlatforms.listedArchitectures("not json")).isEmpty();
        assertThat(ManifestPlatforms.listedArchitectures("[]")).isEmpty();
    }

    @Test
    void uname_machine_names_become_goarch_names() {
        assertThat(NodeArchitecture.goarch("x86_64\n")).isEqualTo("amd64");
        assertThat(NodeArchitecture.goarch("aarch64")).isEqualTo("arm64");
        assertThat(NodeArchitecture.goarch("ppc64le")).isEqualTo("ppc64le");
        assertThat(NodeArchitecture.goarch("s390x")).isEqualTo("s390x");
        assertThatThrownBy(() -> NodeArchitecture.goarch("vax")).hasMessageContaining("unknown CPU architecture \"vax\"");
    }

    @Test
    void a_single_manifest_names_its_layers_a_list_none() {
        String single = "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"},\"layers\":[{\"digest\":\"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"},"
            + "{\"digest\":\"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"},{\"digest\":\"md5:x\"}]}";
        assertThat(ManifestPlatforms.layerDigests(single)).containsExactly("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        assertThat(ManifestPlatforms.layerDigests("{\"manifests\":[]}")).isEmpty();
        assertThat(ManifestPlatforms.layerDigests("not json")).isEmpty();
    }
}
