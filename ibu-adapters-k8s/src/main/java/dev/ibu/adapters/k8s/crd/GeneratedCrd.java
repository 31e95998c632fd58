package dev.ibu.adapters.k8s.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The CRD that the crd-generator wrote from {@link ImageBasedUpgradeResource} at build time, read from the
 * class path. The agent's {@code crd} command prints it and local mode loads it into the mock API server.
 */
public final class GeneratedCrd {
    /** Class-path location written by {@code crd-generator-maven-plugin}. */
    public static final String RESOURCE = "/META-INF/fabric8/imagebasedupgrades.lca.openshift.io-v1.yml";

    private GeneratedCrd() {
    }

    /** The CRD as YAML text, exactly as generated. */
    public static String yaml() {
        try (InputStream in = GeneratedCrd.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                // a packaging bug (the plugin did not run or the jar was shaded without META-INF/fabric8)
                throw new IllegalStateException("CRD " + RESOURCE + " is missing from the class path: build "
                        + "ibu-adapters-k8s with the crd-generator-maven-plugin (process-classes phase)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The CRD as a fabric8 object, ready for {@code client.resource(crd).create()}. */
    public static CustomResourceDefinition definition() {
        CustomResourceDefinition crd = Serialization.unmarshal(yaml(), CustomResourceDefinition.class);
        if (crd == null) {
            throw new IllegalStateException("CRD " + RESOURCE + " on the class path is empty: rebuild ibu-adapters-k8s");
        }
        return crd;
    }
}
