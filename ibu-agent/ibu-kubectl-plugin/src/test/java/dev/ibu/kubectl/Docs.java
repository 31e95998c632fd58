package dev.ibu.kubectl;

import dev.ibu.codec.IbuCodec;
import dev.ibu.domain.ImageBasedUpgrade;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The test documents: `oc get ibu -o yaml` outputs of the seed document, plus states with a history. */
final class Docs {
    private Docs() {
    }

    static String text(String name) {
        try (InputStream in = Docs.class.getResourceAsStream("/documents/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test document " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ImageBasedUpgrade ibu(String name) {
        return IbuCodec.readDocuments(text(name)).getOrElseThrow(e -> new AssertionError(e.message())).head().ibu();
    }
}
