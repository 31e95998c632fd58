package dev.ibu.ports.out;

import dev.ibu.domain.ImageCleanup;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * What Prep asks of {@link PrecachePort#start}: the images the seed in {@code staterootName} lists plus
 * {@code extraImages}, pulled with {@code pullSecret} (none: the node's own), after the container-storage cleanup
 * the IBU's annotations ask for ({@link ImageCleanup#fromAnnotations}). {@link #toString()} never shows the secret.
 */
public record PrecacheRequest(String staterootName, List<String> extraImages, Option<PullSecret> pullSecret,
                              ImageCleanup cleanup) {
    public PrecacheRequest {
        Objects.requireNonNull(staterootName);
        extraImages = extraImages == null ? List.empty() : extraImages;
        pullSecret = pullSecret == null ? Option.none() : pullSecret;
        Objects.requireNonNull(cleanup);
    }

    /** The request with the default cleanup (above 50% usage). */
    public static PrecacheRequest of(String staterootName, List<String> extraImages, Option<PullSecret> pullSecret) {
        return new PrecacheRequest(staterootName, extraImages, pullSecret, ImageCleanup.DEFAULT);
    }

    public PrecacheRequest withCleanup(ImageCleanup c) {
        return new PrecacheRequest(staterootName, extraImages, pullSecret, c);
    }
}
