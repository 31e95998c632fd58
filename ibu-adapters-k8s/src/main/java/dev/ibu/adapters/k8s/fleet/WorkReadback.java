package dev.ibu.adapters.k8s.fleet;

import dev.ibu.adapters.k8s.Json;
import dev.ibu.codec.CodecError;
import dev.ibu.codec.fleet.IbguStatusCodec;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.ports.fleet.WorkState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ManifestWork read back: the hub's row (annotation), the work's generation, the generation the work agent last
 * reported on ({@code observedGeneration} of its {@code Applied} condition), and the IBU's conditions rebuilt from the
 * status feedback values ({@code <Type>-status|reason|message}).
 */
final class WorkReadback {
    private static final Logger LOG = LoggerFactory.getLogger(WorkReadback.class);

    private WorkReadback() {
    }

    static Option<WorkState> of(GenericKubernetesResource w) {
        String cluster = w.getMetadata().getNamespace();
        String rowJson = w.getMetadata().getAnnotations() == null ? null
                : w.getMetadata().getAnnotations().get(HubKinds.ANNOTATION_ROW);
        if (rowJson == null) {
            LOG.warn("ManifestWork {}/{} has no {} annotation; it is not the hub's, ignored", cluster,
                    w.getMetadata().getName(), HubKinds.ANNOTATION_ROW);
            return Option.none();
        }
        Either<CodecError, ClusterRow> row = IbguStatusCodec.rowFromJson(rowJson);
        if (row.isLeft()) {
            LOG.warn("ManifestWork {}/{}: annotation {} is unreadable ({}); the spoke starts over",
                    cluster, w.getMetadata().getName(), HubKinds.ANNOTATION_ROW, row.getLeft().message());
            return Option.none();
        }
        long generation = w.getMetadata().getGeneration() == null ? 0 : w.getMetadata().getGeneration();
        return Option.some(new WorkState(cluster, row.get(), generation, observedGeneration(w), feedback(w)));
    }

    private static long observedGeneration(GenericKubernetesResource w) {
        List<?> conditions = Json.list(w, "status", "conditions");
        for (Object c : conditions) {
            if ("Applied".equals(Json.string(c, "type"))) {
                Object g = Json.at(c, "observedGeneration");
                return g instanceof Number ? ((Number) g).longValue() : 0;
            }
        }
        return 0;
    }

    static Conditions feedback(GenericKubernetesResource w) {
        Map<String, String> values = new HashMap<>();
        for (Object m : Json.list(w, "status", "resourceStatus", "manifests")) {
            if (!"ImageBasedUpgrade".equals(Json.string(m, "resourceMeta", "kind"))) {
                continue;
            }
            Object vs = Json.at(m, "statusFeedback", "values");
            for (Object v : vs instanceof List ? (List<?>) vs : List.of()) {
                String name = Json.string(v, "name");
                String s = Json.string(v, "fieldValue", "string");
                if (name != null && s != null) {
                    values.put(name, s);
                }
            }
        }
        Conditions out = Conditions.EMPTY;
        for (String type : WorkManifest.CONDITIONS) {
            String status = values.get(WorkManifest.feedbackName(type, "status"));
            if (status == null) {
                continue;
            }
            ConditionStatus cs = "True".equals(status) ? ConditionStatus.TRUE
                    : "False".equals(status) ? ConditionStatus.FALSE : ConditionStatus.UNKNOWN;
            out = new Conditions(out.items().append(new Condition(type, cs,
                    values.get(WorkManifest.feedbackName(type, "reason")),
                    values.get(WorkManifest.feedbackName(type, "message")), 0, Instant.EPOCH)));
        }
        return out;
    }
}
