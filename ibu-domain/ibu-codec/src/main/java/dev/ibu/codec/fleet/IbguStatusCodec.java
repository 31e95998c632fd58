package dev.ibu.codec.fleet;

import dev.ibu.codec.CodecError;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.RolloutStatus;
import dev.ibu.domain.fleet.Summary;
import io.vavr.control.Either;
import io.vavr.control.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The hub's own pieces of the IBGU wire form: the status it writes (the rollout record with a bounded view of the
 * rows, the summary, how many rows were left out), the summary it wrote last, and one spoke's row as JSON (kept on
 * the spoke's ManifestWork).
 */
public final class IbguStatusCodec {
    private IbguStatusCodec() {
    }

    /** {@code status} as JSON: the rollout record, its rows as TALM's {@code clusters[]}, the summary. */
    public static String statusJson(RolloutStatus view, Summary summary, int clustersOmitted) {
        IbguStatus base = IbguEncoder.status(view);
        IbguStatus s = new IbguStatus(view.step(), base == null ? null : base.stepStartedAt(),
                base == null ? null : base.halted(), counts(summary), clustersOmitted,
                base == null ? java.util.List.of() : base.clusters());
        return IbguCodec.JSON.writeValueAsString(s);
    }

    /** The summary in an IBGU's {@code status}, none when the hub has not written one. */
    public static Option<Summary> summary(String ibguYamlOrJson) {
        try {
            JsonNode node = IbguCodec.YAML.readTree(ibguYamlOrJson).path("status").path("summary");
            if (!node.isObject()) {
                return Option.none();
            }
            IbguStatus.Counts c = IbguCodec.JSON.treeToValue(node, IbguStatus.Counts.class);
            return Option.some(new Summary(c.total(), c.notStarted(), c.inProgress(), c.completed(), c.failed(),
                    c.timedOut(), c.held()));
        } catch (JacksonException e) {
            return Option.none();
        }
    }

    /** One row as compact JSON (TALM's cluster entry plus ibu's fields). */
    public static String rowJson(ClusterRow row) {
        return IbguCodec.JSON.writeValueAsString(IbguEncoder.cluster(row));
    }

    /** A row written by {@link #rowJson}; errors name what is wrong. */
    public static Either<CodecError, ClusterRow> rowFromJson(String json) {
        try {
            IbguStatus.Cluster c = IbguCodec.JSON.readValue(json, IbguStatus.Cluster.class);
            IbguStatus one = new IbguStatus(0, null, null, java.util.List.of(c));
            return Either.right(IbguDecoder.statusOf(one).clusters().head()._2);
        } catch (JacksonException e) {
            return Either.left(new CodecError("not a cluster row: " + e.getOriginalMessage()));
        } catch (IbguDecoder.Refused | java.util.NoSuchElementException e) {
            return Either.left(new CodecError("not a cluster row: " + e.getMessage()));
        }
    }

    private static IbguStatus.Counts counts(Summary s) {
        return new IbguStatus.Counts(s.total(), s.notStarted(), s.inProgress(), s.completed(), s.failed(),
                s.timedOut(), s.held());
    }
}
