package dev.ibu.adapters.k8s.resource;

import dev.ibu.adapters.k8s.crd.AutoRollbackOnFailure;
import dev.ibu.adapters.k8s.crd.ConfigMapRef;
import dev.ibu.adapters.k8s.crd.CrCondition;
import dev.ibu.adapters.k8s.crd.CrStage;
import dev.ibu.adapters.k8s.crd.IbuSpec;
import dev.ibu.adapters.k8s.crd.IbuStatus;
import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.adapters.k8s.crd.PhaseHistory;
import dev.ibu.adapters.k8s.crd.PullSecretRef;
import dev.ibu.adapters.k8s.crd.SeedImageRef;
import dev.ibu.adapters.k8s.crd.StageHistory;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.Status;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Maps the wire records of the CR to the domain model and back. Times are truncated to whole seconds on the way
 * out, as the API server stores them ({@code metav1.Time} is RFC 3339 without fraction), so that what is written
 * equals what is read back.
 */
public final class IbuMapper {
    private IbuMapper() {
    }

    public static ImageBasedUpgrade toDomain(ImageBasedUpgradeResource cr) {
        var meta = cr.getMetadata();
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        Metadata metadata = new Metadata(meta.getName(), meta.getGeneration() == null ? 0 : meta.getGeneration(),
                meta.getResourceVersion(), LinkedHashMap.ofAll(new java.util.TreeMap<>(annotations)));
        return new ImageBasedUpgrade(metadata, specToDomain(cr.getSpec()), statusToDomain(cr.getStatus()));
    }

    /** The CR for {@code ibu}: name, annotations, resourceVersion (when known), spec and status. */
    public static ImageBasedUpgradeResource toResource(ImageBasedUpgrade ibu) {
        ImageBasedUpgradeResource cr = new ImageBasedUpgradeResource();
        Metadata m = ibu.metadata();
        cr.setMetadata(new ObjectMetaBuilder().withName(m.name())
                .withResourceVersion(m.resourceVersion().isEmpty() ? null : m.resourceVersion())
                .withAnnotations(m.annotations().isEmpty() ? null : m.annotations().toJavaMap())
                .build());
        cr.setSpec(specToWire(ibu.spec()));
        cr.setStatus(statusToWire(ibu.status()));
        return cr;
    }

    /** An absent {@code spec.stage} reads as Idle: the domain always has a stage, and Idle is the safe request. */
    static Spec specToDomain(IbuSpec spec) {
        if (spec == null) {
            return Spec.idle();
        }
        Stage stage = spec.stage() == null ? Stage.IDLE : Stage.parse(spec.stage().name()).get();
        SeedImageRef s = spec.seedImageRef();
        dev.ibu.domain.SeedImageRef seed = s == null ? dev.ibu.domain.SeedImageRef.EMPTY
                : new dev.ibu.domain.SeedImageRef(s.version(), s.image(),
                        Option.of(s.pullSecretRef()).map(PullSecretRef::name));
        return new Spec(stage, seed, refsToDomain(spec.oadpContent()), refsToDomain(spec.extraManifests()),
                Option.of(spec.autoRollbackOnFailure()).map(a -> new dev.ibu.domain.AutoRollbackOnFailure(
                        a.initMonitorTimeoutSeconds() == null ? 0 : a.initMonitorTimeoutSeconds().longValueExact())));
    }

    static IbuSpec specToWire(Spec spec) {
        dev.ibu.domain.SeedImageRef s = spec.seedImageRef();
        // empty strings are "absent" in the domain; the CRD forbids an empty image (minLength 1)
        SeedImageRef seed = s.equals(dev.ibu.domain.SeedImageRef.EMPTY) ? null
                : new SeedImageRef(blankToNull(s.version()), blankToNull(s.image()),
                        s.pullSecretName().map(PullSecretRef::new).getOrNull());
        return new IbuSpec(CrStage.valueOf(spec.stage().wireName()), seed, refsToWire(spec.oadpContent()),
                refsToWire(spec.extraManifests()),
                // upstream's field is omitempty: 0 (the default, 1800 s) is written as {} as the document shows
                spec.autoRollbackOnFailure().map(a -> new AutoRollbackOnFailure(a.initMonitorTimeoutSeconds() == 0
                        ? null : BigInteger.valueOf(a.initMonitorTimeoutSeconds()))).getOrNull());
    }

    static Status statusToDomain(IbuStatus status) {
        if (status == null) {
            return Status.EMPTY;
        }
        // the API server enforces a non-empty type; skipping malformed entries keeps a lenient store readable
        List<Condition> conditions = List.ofAll(status.conditions())
                .filter(c -> c.type() != null && !c.type().isEmpty()).map(IbuMapper::conditionToDomain);
        // unknown stage names cannot be requested anyway; dropping them keeps the domain total
        List<Stage> next = List.ofAll(status.validNextStages()).flatMap(Stage::parse);
        return new Status(status.observedGeneration() == null ? 0 : status.observedGeneration(),
                new Conditions(conditions), next, Option.of(status.rollbackAvailabilityExpiration())
                        .map(OffsetDateTime::toInstant),
                List.ofAll(status.history()).map(IbuMapper::historyToDomain));
    }

    static IbuStatus statusToWire(Status status) {
        if (status.equals(Status.EMPTY)) {
            return null;
        }
        return new IbuStatus(status.observedGeneration(),
                status.conditions().items().map(IbuMapper::conditionToWire).asJava(),
                status.validNextStages().map(Stage::wireName).asJava(),
                status.rollbackAvailabilityExpiration().map(IbuMapper::time).getOrNull(),
                status.history().map(IbuMapper::historyToWire).asJava());
    }

    static Condition conditionToDomain(CrCondition c) {
        ConditionStatus status = c.status() == null ? ConditionStatus.UNKNOWN
                : ConditionStatus.valueOf(c.status().name());
        Instant at = c.lastTransitionTime() == null ? Instant.EPOCH : c.lastTransitionTime().toInstant();
        return new Condition(c.type(), status, c.reason(), c.message(),
                c.observedGeneration() == null ? 0 : c.observedGeneration(), at);
    }

    static CrCondition conditionToWire(Condition c) {
        return new CrCondition(c.type(), CrCondition.Status.valueOf(c.status().name()), c.observedGeneration(),
                time(c.lastTransitionTime()), c.reason(), c.message());
    }

    static dev.ibu.domain.StageHistory historyToDomain(StageHistory h) {
        return new dev.ibu.domain.StageHistory(h.stage() == null ? "" : h.stage(), instant(h.startTime()),
                instant(h.completionTime()), List.ofAll(h.phases()).map(p -> new dev.ibu.domain.PhaseHistory(
                        p.phase() == null ? "" : p.phase(), instant(p.startTime()), instant(p.completionTime()))));
    }

    static StageHistory historyToWire(dev.ibu.domain.StageHistory h) {
        return new StageHistory(h.stage(), h.startTime().map(IbuMapper::time).getOrNull(),
                h.completionTime().map(IbuMapper::time).getOrNull(),
                h.phases().map(p -> new PhaseHistory(p.phase(), p.startTime().map(IbuMapper::time).getOrNull(),
                        p.completionTime().map(IbuMapper::time).getOrNull())).asJava());
    }

    /** RFC 3339 in UTC with whole seconds, e.g. {@code 2024-01-01T09:00:00Z}. */
    static OffsetDateTime time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
    }

    private static Option<Instant> instant(OffsetDateTime t) {
        return Option.of(t).map(OffsetDateTime::toInstant);
    }

    private static List<dev.ibu.domain.ConfigMapRef> refsToDomain(java.util.List<ConfigMapRef> refs) {
        return refs == null ? List.empty()
                : List.ofAll(refs).map(r -> new dev.ibu.domain.ConfigMapRef(nullToEmpty(r.name()),
                        nullToEmpty(r.namespace())));
    }

    private static java.util.List<ConfigMapRef> refsToWire(List<dev.ibu.domain.ConfigMapRef> refs) {
        return refs.isEmpty() ? null : refs.map(r -> new ConfigMapRef(r.name(), r.namespace())).asJava();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
