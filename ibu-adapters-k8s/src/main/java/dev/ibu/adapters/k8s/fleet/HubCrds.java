package dev.ibu.adapters.k8s.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The ImageBasedGroupUpgrade CRD the hub adapters are written against, as a resource of this artifact (embedders and
 * the rehearsal apply it; ibu-agent/deploy/hub/crd holds the same bytes, IbguCrdIT keeps them equal).
 */
public final class HubCrds {
    public static final String IBGU_CRD = "imagebasedgroupupgrades.yaml";

    private HubCrds() {
    }

    public static String ibguCrd() {
        try (InputStream in = HubCrds.class.getResourceAsStream(IBGU_CRD)) {
            if (in == null) {
                throw new IllegalStateException(IBGU_CRD + " is missing from the ibu-adapters-k8s jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
