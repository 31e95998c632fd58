package dev.ibu.adapters.host.seed;

import dev.ibu.adapters.host.support.Json;

import dev.ibu.adapters.host.archive.ExtractionBudget;
import dev.ibu.adapters.host.archive.SafeTarExtractor;
import dev.ibu.adapters.host.archive.UnsafeArchiveException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;

/**
 * Unpacks a pulled seed ({@code dir:} layout) in one streaming pass: {@code ostree.tgz} goes straight
 * into the workspace repo and {@code var.tgz} straight into the new stateroot, without first writing
 * either archive to disk; the small files (and etc.tgz, needed only after deploy) go to {@code metaDir}.
 */
public final class SeedUnpacker {

    /** Where the parts go. {@code varParent} receives the var/... members (the stateroot directory). */
    public record Destinations(Path ostreeRepo, Path varParent, Path metaDir) {
    }

    private static final long MAX_META_BYTES = 256L << 20;
    private static final Set<String> META = Set.of("manifest.json", "containers.list", "rpm-ostree.json",
        "mco-currentconfig.json", "etc.deletions", "etc.tgz", "lca-cli");

    private final SafeTarExtractor extractor;

    public SeedUnpacker(SafeTarExtractor extractor) {
        this.extractor = extractor;
    }

    /**
     * How a seed's var.tgz is unpacked into the new stateroot directory: only {@code var/...} (nothing beside
     * it, e.g. in ostree's {@code deploy/}), and nothing where the agent writes once this stateroot is booted,
     * which lca-cli leaves out of every seed (host-and-image.md §1.2): {@code var/lib/lca} (its state) and the
     * contents of {@code var/tmp} (its work files and the pull secret): a seed cannot plant a link there.
     */
    public static SafeTarExtractor forVar(SafeTarExtractor extractor) {
        return extractor.onlyUnder("var")
            .reserving("var/lib/lca", "the agent's own directory, which a seed never holds (lca-cli leaves /var/lib/lca out)")
            .reservingBelow("var/tmp", "where the agent keeps its work files; a seed holds the empty directory only "
                + "(lca-cli leaves /var/tmp/* out)");
    }

    /** The layer blobs of a {@code dir:} layout, in manifest order. */
    public static List<Path> layers(Path imageDir) {
        try {
            JsonNode manifest = Json.MAPPER.readTree(Files.readString(imageDir.resolve("manifest.json")));
            List<Path> out = new ArrayList<>();
            for (JsonNode l : manifest.path("layers")) {
                String digest = l.path("digest").asString("");
                if (!digest.matches("sha256:[0-9a-f]{64}")) {
                    throw new SeedFormatException("image manifest has a layer with digest \"" + digest + "\"; re-push the seed image");
                }
                out.add(imageDir.resolve(digest.substring(7)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pulled image in " + imageDir, e);
        }
    }

    public void unpack(List<Path> layerBlobs, Destinations to, ExtractionBudget budget) {
        unpack(layerBlobs, to, budget, name -> { });
    }

    /**
     * As {@link #unpack(List, Destinations, ExtractionBudget)}, telling {@code afterEntry} the name of each
     * seed file once it is fully on disk, so the caller can start work that needs it while the rest streams.
     */
    public void unpack(List<Path> layerBlobs, Destinations to, ExtractionBudget budget, Consumer<String> afterEntry) {
        try {
            Files.createDirectories(to.metaDir());
            Files.createDirectories(to.ostreeRepo());
            for (Path blob : layerBlobs) {
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(blob), 1 << 16), 1 << 16)) {
                    unpackLayer(in, to, budget, afterEntry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the seed image layers: " + e.getMessage(), e);
        }
    }

    private void unpackLayer(InputStream layer, Destinations to, ExtractionBudget budget, Consumer<String> afterEntry)
        throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(layer);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
            if (!e.isFile() || e.isSymbolicLink() || e.isLink() || name.contains("/")) {
                continue; // the seed's root holds only plain files; anything else is not ours to unpack
            }
            if (name.equals("ostree.tgz")) {
                extractor.extractTgz(tar, to.ostreeRepo(), budget);
            } else if (name.equals("var.tgz")) {
                forVar(extractor).extractTgz(tar, to.varParent(), budget);
            } else if (META.contains(name) || (name.startsWith("ostree-") && name.endsWith(".origin"))) {
                spool(tar, e, to.metaDir().resolve(name));
            } else {
                continue;
            }
            afterEntry.accept(name);
        }
    }

    /** A metadata file, bounded by what is actually read (a sparse entry's header understates it). */
    private static void spool(InputStream tar, TarArchiveEntry e, Path dest) throws IOException {
        if (e.getRealSize() > MAX_META_BYTES) {
            throw tooBig(e, e.getRealSize());
        }
        Files.deleteIfExists(dest); // a duplicate entry replaces the earlier one
        try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = tar.read(buf)) > 0) {
                total += n;
                if (total > MAX_META_BYTES) {
                    throw tooBig(e, total);
                }
                out.write(buf, 0, n);
            }
        }
    }

    private static UnsafeArchiveException tooBig(TarArchiveEntry e, long size) {
        return new UnsafeArchiveException(e.getName(), "seed file \"" + e.getName() + "\" is " + size
            + " bytes or more, over the " + MAX_META_BYTES + " byte limit for metadata files; rebuild the seed image");
    }
}
