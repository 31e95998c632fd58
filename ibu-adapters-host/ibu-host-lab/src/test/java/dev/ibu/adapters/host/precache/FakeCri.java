package dev.ibu.adapters.host.precache;

import dev.ibu.adapters.host.process.CommandPrefix;
import dev.ibu.adapters.host.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stand-ins for {@code crictl} and {@code podman} (this machine has neither) that print what the real ones print
 * for {@code crictl images -o json}, {@code crictl ps -a -o json} and {@code podman ps -a --format json --log-level
 * error}, and fail (exit 2) for any other arguments. The JSON shapes are those of upstream lifecycle-agent's
 * imagemgmt tests (internal/imagemgmt/imagemgmt_test.go: protobuf-JSON of cri-api's ListImagesResponse and
 * ListContainersResponse, and podman's ps JSON), with only the images changed. They are found through a PATH prefix
 * ({@code env PATH=<dir>:...}), so the adapter runs them through its process runner as it runs every host command.
 */
final class FakeCri {

    record Image(String id, String tag, String repoDigest, boolean pinned) {
    }

    private final Path bin;
    private final List<Image> images = new ArrayList<>();
    private final List<String> crictlContainerImages = new ArrayList<>();
    private final List<String> podmanContainerImageIds = new ArrayList<>();

    FakeCri(Path dir) {
        try {
            this.bin = Files.createDirectories(dir);
            script("crictl", """
                #!/bin/sh
                d=$(dirname "$0")
                case "$*" in
                  "images -o json") cat "$d/crictl-images.json" ;;
                  "ps -a -o json") cat "$d/crictl-ps.json" ;;
                  *) echo "fake crictl: unexpected arguments: $*" >&2; exit 2 ;;
                esac
                """);
            script("podman", """
                #!/bin/sh
                d=$(dirname "$0")
                case "$*" in
                  "ps -a --format json --log-level error") cat "$d/podman-ps.json" ;;
                  *) echo "fake podman: unexpected arguments: $*" >&2; exit 2 ;;
                esac
                """);
            write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host runner: commands find the fakes first on PATH. */
    ProcessRunner runner() {
        return new ProcessRunner(CommandPrefix.fixed(List.of("env", "PATH=" + bin + ":/usr/sbin:/usr/bin:/sbin:/bin")),
            Duration.ofSeconds(30));
    }

    FakeCri image(String id, String tag, String repoDigest, boolean pinned) throws IOException {
        images.add(new Image(id, tag, repoDigest, pinned));
        write();
        return this;
    }

    /** A CRI-O container (running or exited) whose {@code image.image} is {@code imageRef} (an id or a reference). */
    FakeCri crioContainer(String imageRef) throws IOException {
        crictlContainerImages.add(imageRef);
        write();
        return this;
    }

    FakeCri podmanContainer(String imageId) throws IOException {
        podmanContainerImageIds.add(imageId);
        write();
        return this;
    }

    /** The next {@code crictl} call fails as when CRI-O is down. */
    void breakCrictl() throws IOException {
        script("crictl", "#!/bin/sh\necho 'validate service connection: dial unix /var/run/crio/crio.sock: "
            + "connect: no such file or directory' >&2\nexit 1\n");
    }

    private void write() throws IOException {
        StringBuilder im = new StringBuilder("{\n  \"images\": [");
        for (int i = 0; i < images.size(); i++) {
            Image m = images.get(i);
            im.append(i == 0 ? "\n" : ",\n").append("""
                    {
                      "id": "%s",
                      "repoTags": [%s],
                      "repoDigests": [%s],
                      "size": "1073744835",
                      "uid": null,
                      "username": "",
                      "spec": null,
                      "pinned": %s
                    }""".formatted(m.id(), quoted(m.tag()), quoted(m.repoDigest()), m.pinned()));
        }
        Files.writeString(bin.resolve("crictl-images.json"), im.append("\n  ]\n}\n").toString());

        StringBuilder ps = new StringBuilder("{\n  \"containers\": [");
        for (int i = 0; i < crictlContainerImages.size(); i++) {
            ps.append(i == 0 ? "\n" : ",\n").append("""
                    {
                      "id": "c%d",
                      "podSandboxId": "p%d",
                      "metadata": {
                        "name": "anyname",
                        "attempt": 0
                      },
                      "image": {
                        "image": "%s",
                        "annotations": {
                        },
                        "userSpecifiedImage": ""
                      },
                      "imageRef": "unused",
                      "state": "CONTAINER_EXITED",
                      "createdAt": "1719931500784052855",
                      "labels": {
                        "unused": "unused"
                      },
                      "annotations": {
                        "unused": "unused"
                      }
                    }""".formatted(i, i, crictlContainerImages.get(i)));
        }
        Files.writeString(bin.resolve("crictl-ps.json"), ps.append("\n  ]\n}\n").toString());

        StringBuilder pp = new StringBuilder("[");
        for (int i = 0; i < podmanContainerImageIds.size(); i++) {
            pp.append(i == 0 ? "\n" : ",\n").append("""
                  {
                    "AutoRemove": true,
                    "Command": [
                      "anycommand"
                    ],
                    "CreatedAt": "3 days ago",
                    "Exited": false,
                    "Id": "unused",
                    "Image": "unused",
                    "ImageID": "%s",
                    "IsInfra": false,
                    "Labels": {
                      "unused": "unused"
                    },
                    "Mounts": [
                      "/rootfs"
                    ],
                    "Names": [
                      "anyname"
                    ],
                    "Namespaces": {
                    },
                    "Networks": [],
                    "Pid": 0,
                    "Pod": "",
                    "PodName": "",
                    "Ports": null,
                    "Size": null,
                    "StartedAt": 1719588750,
                    "State": "created",
                    "Status": "Created",
                    "Created": 1719588750
                  }""".formatted(podmanContainerImageIds.get(i)));
        }
        Files.writeString(bin.resolve("podman-ps.json"), pp.append("\n]\n").toString());
    }

    private static String quoted(String s) {
        return s == null ? "" : "\"" + s + "\"";
    }

    private void script(String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
