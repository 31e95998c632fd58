package dev.ibu.adapters.host.precache;

import java.util.Set;

/**
 * The images the node's container runtimes use or pin, which the storage cleanup never removes (host-and-image.md
 * §5.1). Always asked of the runtimes themselves ({@link CriRuntimeImages}); when they cannot answer, {@link #keep()}
 * throws and the cleanup removes nothing.
 */
@FunctionalInterface
public interface RuntimeImages {

    /**
     * Image ids ({@code sha256:} prefix or not), names ({@code repo:tag}) and repo digests ({@code repo@sha256:...})
     * of every image in use by a container (running or not) or pinned.
     *
     * @throws RuntimeException naming the command that failed, when the runtime cannot tell
     */
    Set<String> keep();
}
