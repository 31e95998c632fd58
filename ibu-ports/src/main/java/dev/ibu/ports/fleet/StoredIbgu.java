package dev.ibu.ports.fleet;

import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.Summary;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * An IBGU as read from the hub, with the resourceVersion a status write must carry and the summary the hub wrote
 * last (none before its first write). {@code ibgu.status().clusters()} is the bounded view the hub wrote, not the
 * whole record: the rows live on the spokes' ManifestWorks. {@code ibuAnnotations}: the IBGU's annotations whose key
 * contains {@link #LCA_SUFFIX}, which each spoke's IBU gets too (as TALM copies them, TALM#833).
 */
public record StoredIbgu(ImageBasedGroupUpgrade ibgu, String resourceVersion, Option<Summary> summary,
                         Map<String, String> ibuAnnotations) {
    public static final String LCA_SUFFIX = "lca.openshift.io";

    public StoredIbgu {
        Objects.requireNonNull(ibgu, "ibgu");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        summary = summary == null ? Option.none() : summary;
        ibuAnnotations = ibuAnnotations == null ? TreeMap.empty()
                : ibuAnnotations.filterKeys(k -> k.contains(LCA_SUFFIX));
    }

    public StoredIbgu(ImageBasedGroupUpgrade ibgu, String resourceVersion, Option<Summary> summary) {
        this(ibgu, resourceVersion, summary, TreeMap.empty());
    }

    public IbguRef ref() {
        return new IbguRef(ibgu.namespace(), ibgu.name());
    }
}
