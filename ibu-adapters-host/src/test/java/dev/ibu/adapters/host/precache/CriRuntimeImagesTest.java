package dev.ibu.adapters.host.precache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ibu.adapters.host.process.HostCommandException;
import dev.ibu.adapters.host.process.ProcessRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@link CriRuntimeImages} keeps from the runtimes' JSON (shapes from upstream's imagemgmt tests), and that it
 * never guesses: a failing command or output that is not the expected JSON throws. The commands are answered by
 * {@code printf} through the runner's prefix, so the argv the adapter asks for is checked too.
 */
class CriRuntimeImagesTest {

    private static ProcessRunner answering(Map<List<String>, String> outputs) {
        return new ProcessRunner(argv -> outputs.containsKey(argv) ? List.of("printf", "%s", outputs.get(argv))
            : List.of("sh", "-c", "echo unexpected: \"$*\" >&2; exit 2", "sh", String.join(" ", argv)),
            Duration.ofSeconds(10));
    }

    static final String IMAGES = """
        {"images":[
         {"id":"fac47afb3425a04d078de14cba99f808ca23929baa2bd4880537f7315153b285","repoTags":["localhost/testimage:0"],
          "repoDigests":["localhost/testimage@sha256:2e27"],"size":"1073744835","uid":null,"username":"","spec":null,
          "pinned":true},
         {"id":"119b2b0abddc725b93a5c80444c10dc826bde57faae9c7bc41a9f8cbb0762520","repoTags":["localhost/testimage:1"],
          "repoDigests":[],"size":"1073744835","uid":null,"username":"","spec":null,"pinned":false}]}""";
    static final String PS = """
        {"containers":[{"id":"c","podSandboxId":"p","metadata":{"name":"n","attempt":0},
          "image":{"image":"quay.io/a/b@sha256:aaaa","annotations":{},"userSpecifiedImage":""},
          "imageRef":"94efb4a28414750992f89709467fe85371decd8f2e25b5e0fd941a3ceeedfff8","state":"CONTAINER_RUNNING",
          "createdAt":"1719931500784052855","labels":{},"annotations":{}}]}""";
    static final String PODMAN = """
        [{"AutoRemove":true,"Id":"x","Image":"unused","ImageID":"205863aa5d8207661746041f89780fc8ca3a4d8e559f4ecc9aa3a74172cb297d"}]""";

    @Test
    void pinned_ids_and_the_images_of_every_container_are_kept() {
        CriRuntimeImages cri = new CriRuntimeImages(answering(Map.of(CriRuntimeImages.CRICTL_IMAGES, IMAGES,
            CriRuntimeImages.CRICTL_PS, PS, CriRuntimeImages.PODMAN_PS, PODMAN)));

        assertThat(cri.keep()).containsExactlyInAnyOrder(
            "fac47afb3425a04d078de14cba99f808ca23929baa2bd4880537f7315153b285",
            "quay.io/a/b@sha256:aaaa", "94efb4a28414750992f89709467fe85371decd8f2e25b5e0fd941a3ceeedfff8",
            "205863aa5d8207661746041f89780fc8ca3a4d8e559f4ecc9aa3a74172cb297d");
    }

    @Test
    void no_containers_and_no_pinned_images_keep_nothing() {
        CriRuntimeImages cri = new CriRuntimeImages(answering(Map.of(CriRuntimeImages.CRICTL_IMAGES, "{\"images\":[]}",
            CriRuntimeImages.CRICTL_PS, "{\"containers\":[]}", CriRuntimeImages.PODMAN_PS, "[]")));

        assertThat(cri.keep()).isEmpty();
    }

    @Test
    void a_runtime_that_cannot_answer_or_answers_garbage_is_an_error_not_an_empty_list() {
        assertThatThrownBy(() -> new CriRuntimeImages(answering(Map.of())).keep())
            .isInstanceOf(HostCommandException.class);
        assertThatThrownBy(() -> new CriRuntimeImages(answering(Map.of(CriRuntimeImages.CRICTL_IMAGES, "time=... level=fatal",
            CriRuntimeImages.CRICTL_PS, PS, CriRuntimeImages.PODMAN_PS, PODMAN))).keep())
            .hasMessageStartingWith("unable to parse crictl images -o json output");
        assertThatThrownBy(() -> new CriRuntimeImages(answering(Map.of(CriRuntimeImages.CRICTL_IMAGES, IMAGES,
            CriRuntimeImages.CRICTL_PS, PS, CriRuntimeImages.PODMAN_PS, "{\"ImageID\":\"x\"}"))).keep())
            .hasMessageContaining("unable to parse podman ps command output");
        assertThatThrownBy(() -> new CriRuntimeImages(answering(Map.of(CriRuntimeImages.CRICTL_IMAGES, "[]",
            CriRuntimeImages.CRICTL_PS, PS, CriRuntimeImages.PODMAN_PS, PODMAN))).keep())
            .hasMessageContaining("not a JSON object");
    }
}
