package dev.ibu.adapters.host.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The blobs a docker-registry served, from its access log ({@code "GET /v2/<repo>/blobs/<digest> HTTP/1.1" 200 <bytes>}). */
public final class RegistryLog {

    public record Served(String digest, long bytes) {
    }

    private static final Pattern BLOB_GET =
        Pattern.compile("\"GET /v2/\\S+/blobs/(sha256:[0-9a-f]{64}) HTTP/[0-9.]+\" 200 (\\d+)");

    private final Path log;

    public RegistryLog(Path log) {
        this.log = log;
    }

    /** Lines so far: an offset for {@link #blobsSince}. */
    public int mark() throws IOException {
        return Files.readAllLines(log).size();
    }

    public List<Served> blobsSince(int mark) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<Served> out = new ArrayList<>();
        for (String l : lines.subList(Math.min(mark, lines.size()), lines.size())) {
            Matcher m = BLOB_GET.matcher(l);
            if (m.find()) {
                out.add(new Served(m.group(1), Long.parseLong(m.group(2))));
            }
        }
        return out;
    }
}
