package dev.ibu.adapters.host.seed;

import dev.ibu.adapters.host.support.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The metadata files of an unpacked seed: {@code manifest.json}, {@code rpm-ostree.json},
 * {@code mco-currentconfig.json}, {@code containers.list}. Errors name the file and what is wrong.
 */
public record SeedMetadata(SeedClusterInfo clusterInfo, String bootedOsname, String deployment,
                           List<String> kernelArguments, boolean fips, List<String> images) {

    private static final Pattern DEPLOYMENT = Pattern.compile("[0-9a-f]{64}\\.\\d+");

    public SeedMetadata {
        kernelArguments = List.copyOf(kernelArguments);
        images = List.copyOf(images);
        if (!DEPLOYMENT.matcher(deployment).matches()) {
            throw new SeedFormatException("rpm-ostree.json: booted deployment \"" + deployment
                + "\" is not <64-hex checksum>.<serial>; rebuild the seed image");
        }
    }

    /** The commit checksum: the deployment up to its first '.'. */
    public String commit() {
        return deployment.substring(0, deployment.indexOf('.'));
    }

    public static SeedMetadata read(Path dir) {
        SeedClusterInfo info = readJson(dir, "manifest.json", SeedClusterInfo.class);
        JsonNode rpm = readJson(dir, "rpm-ostree.json", JsonNode.class);
        JsonNode booted = null;
        for (JsonNode d : rpm.path("deployments")) {
            if (d.path("booted").asBoolean(false)) {
                booted = d;
                break;
            }
        }
        if (booted == null) {
            throw new SeedFormatException("rpm-ostree.json has no deployment with \"booted\": true; rebuild the seed image");
        }
        String id = booted.path("id").asString("");
        int dash = id.lastIndexOf('-');
        if (dash < 0) {
            throw new SeedFormatException("rpm-ostree.json: booted id \"" + id
                + "\" is not <osname>-<checksum>.<serial>; rebuild the seed image");
        }
        JsonNode mco = readJson(dir, "mco-currentconfig.json", JsonNode.class);
        List<String> kargs = new ArrayList<>();
        mco.path("spec").path("kernelArguments").forEach(k -> kargs.add(k.asString()));
        boolean fips = mco.path("spec").path("fips").asBoolean(false);
        return new SeedMetadata(info, id.substring(0, dash), id.substring(dash + 1), kargs, fips, readImages(dir));
    }

    static List<String> readImages(Path dir) {
        Path list = dir.resolve("containers.list");
        try {
            return Files.readString(list).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + list, e);
        }
    }

    private static <T> T readJson(Path dir, String name, Class<T> type) {
        Path f = dir.resolve(name);
        try {
            return Json.MAPPER.readValue(Files.readString(f), type);
        } catch (NoSuchFileException e) {
            throw new SeedFormatException("seed image has no " + name + " at its root; rebuild it with a current lca-cli");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        } catch (JacksonException e) {
            throw new SeedFormatException("seed image's " + name + " is not valid JSON (" + e.getOriginalMessage()
                + "); rebuild the seed image");
        }
    }
}
