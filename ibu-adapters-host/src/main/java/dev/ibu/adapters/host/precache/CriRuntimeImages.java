package dev.ibu.adapters.host.precache;

import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.support.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@link RuntimeImages} from the runtimes, as upstream's imagemgmt asks them, through the host runner (chroot /host
 * on a node): pinned from {@code crictl images -o json} ({@code .images[].pinned}, by id), in use from {@code crictl
 * ps -a -o json} ({@code .containers[].image.image}; ibu also keeps {@code imageRef} and {@code imageId}, which name
 * the same image more exactly) and {@code podman ps -a --format json --log-level error} ({@code [].ImageID}). Any
 * command failing or printing something that is not its JSON makes {@link #keep()} throw: never a guess.
 */
public final class CriRuntimeImages implements RuntimeImages {

    static final List<String> CRICTL_IMAGES = List.of("crictl", "images", "-o", "json");
    static final List<String> CRICTL_PS = List.of("crictl", "ps", "-a", "-o", "json");
    static final List<String> PODMAN_PS = List.of("podman", "ps", "-a", "--format", "json", "--log-level", "error");

    private final ProcessRunner hostRunner;

    public CriRuntimeImages(ProcessRunner hostRunner) {
        this.hostRunner = hostRunner;
    }

    @Override
    public Set<String> keep() {
        Set<String> keep = new LinkedHashSet<>();
        for (JsonNode img : json(CRICTL_IMAGES).path("images")) {
            if (img.path("pinned").asBoolean(false)) {
                addText(keep, img.path("id"));
            }
        }
        for (JsonNode c : json(CRICTL_PS).path("containers")) {
            addText(keep, c.path("image").path("image"));
            addText(keep, c.path("imageRef"));
            addText(keep, c.path("imageId"));
        }
        JsonNode podman = json(PODMAN_PS);
        if (!podman.isArray() && !podman.isNull()) {
            throw new IllegalStateException("unable to parse podman ps command output: not a JSON array");
        }
        for (JsonNode c : podman) {
            addText(keep, c.path("ImageID"));
        }
        return Set.copyOf(keep);
    }

    private JsonNode json(List<String> argv) {
        String out = hostRunner.runOk(argv).stdout();
        try {
            JsonNode n = Json.MAPPER.readTree(out.isBlank() ? "null" : out);
            if (argv.get(0).equals("crictl") && !n.isObject()) {
                throw new IllegalStateException("unable to parse " + String.join(" ", argv) + " output: not a JSON object");
            }
            return n;
        } catch (JacksonException e) {
            throw new IllegalStateException("unable to parse " + String.join(" ", argv) + " output: "
                + e.getOriginalMessage(), e);
        }
    }

    private static void addText(Set<String> keep, JsonNode n) {
        String s = n.asString("");
        if (!s.isBlank()) {
            keep.add(s.strip());
        }
    }
}
