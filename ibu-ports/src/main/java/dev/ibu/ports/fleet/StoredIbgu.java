package dev.ibu.ports.fleet;

import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.Summary;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * An IBGU as read from the hub, with the resourceVersion a status write must carry and the summary the hub wrote
 * last (none before its first write). {@code ibgu.status().clusters()} is the bounded view the hub wrote, not the
 * whole record: the rows live on the spokes' ManifestWorks.
 */
public record StoredIbgu(ImageBasedGroupUpgrade ibgu, String resourceVersion, Option<Summary> summary) {
    public StoredIbgu {
        Objects.requireNonNull(ibgu, "ibgu");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        summary = summary == null ? Option.none() : summary;
    }

    public IbguRef ref() {
        return new IbguRef(ibgu.namespace(), ibgu.name());
    }
}
