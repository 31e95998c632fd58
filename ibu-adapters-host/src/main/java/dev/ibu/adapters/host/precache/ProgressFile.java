package dev.ibu.adapters.host.precache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ibu.adapters.host.support.Json;
import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.ports.out.PrecacheProgress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * {@code precache_status.json} (host-and-image.md §5.4): {@code {"total":N,"pulled":P,"failed":F,"failed_pulls":[…]}},
 * with {@code failed_pulls} null while nothing failed, as upstream writes it; 0600. Images skipped because they have
 * no manifest for the node's architecture are counted in {@code skipped} and listed in {@code skipped_pulls} (null
 * while none), as upstream PR 7318 writes them.
 */
public final class ProgressFile {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Content(@JsonProperty("total") int total, @JsonProperty("pulled") int pulled,
                          @JsonProperty("failed") int failed, @JsonProperty("skipped") int skipped,
                          @JsonProperty("failed_pulls") List<String> failedPulls,
                          @JsonProperty("skipped_pulls") List<String> skippedPulls) {
    }

    private ProgressFile() {
    }

    public static void write(Path file, int total, int pulled, List<String> failed) {
        write(file, total, pulled, failed, List.of());
    }

    public static void write(Path file, int total, int pulled, List<String> failed, List<String> skipped) {
        AtomicFiles.write(file, Json.MAPPER.writeValueAsString(new Content(total, pulled, failed.size(),
            skipped.size(), failed.isEmpty() ? null : List.copyOf(failed), skipped.isEmpty() ? null : List.copyOf(skipped))));
    }

    /** Empty when there is no file yet or it cannot be parsed (the caller says which in its message). */
    public static Optional<PrecacheProgress> read(Path file) {
        try {
            return AtomicFiles.read(file).map(s -> Json.MAPPER.readValue(s, Content.class))
                .map(c -> new PrecacheProgress(c.total(), c.pulled(), c.failed(), c.skipped()));
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
