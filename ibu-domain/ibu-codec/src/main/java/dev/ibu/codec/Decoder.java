package dev.ibu.codec;

import dev.ibu.codec.wire.ConfigMapRef;
import dev.ibu.codec.wire.CrCondition;
import dev.ibu.codec.wire.IbuObject;
import dev.ibu.codec.wire.IbuSpec;
import dev.ibu.codec.wire.IbuStatus;
import dev.ibu.codec.wire.ObjectMetadata;
import dev.ibu.codec.wire.PullSecretRef;
import dev.ibu.codec.wire.SeedImageRef;
import dev.ibu.domain.AutoRollbackOnFailure;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.PhaseHistory;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StageHistory;
import dev.ibu.domain.Status;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wire records -> domain. What the CRD leaves optional gets the domain's default (no spec or no stage is Idle, no
 * time is the epoch, no number is 0); what the CRD forbids (a condition without type or status, a ConfigMap
 * reference without name or namespace, a negative timeout) is refused with the field and the fix, so a hand-written
 * document is never silently changed.
 */
final class Decoder {
    private Decoder() {
    }

    /** Refuses another kind or version before its fields are read; absent ones are taken as ours. */
    static void requireType(Option<String> kind, Option<String> apiVersion) {
        if (kind.isDefined() && !IbuCodec.KIND.equals(kind.get())) {
            throw new Rejected("kind is \"" + kind.get() + "\", expected " + IbuCodec.KIND + " (apiVersion "
                    + IbuCodec.API_VERSION + ")");
        }
        if (apiVersion.isDefined() && !IbuCodec.API_VERSION.equals(apiVersion.get())) {
            throw new Rejected("apiVersion is \"" + apiVersion.get() + "\", expected " + IbuCodec.API_VERSION);
        }
    }

    /** Call after {@link #requireType}, which reads the tree before its fields are bound. */
    static ImageBasedUpgrade object(IbuObject o) {
        return new ImageBasedUpgrade(metadata(o.metadata()), spec(o.spec()), status(o.status()));
    }

    /** No name reads as the singleton's, the only name the CRD admits. Annotations sorted, as Go writes them. */
    private static Metadata metadata(ObjectMetadata m) {
        if (m == null) {
            return Metadata.singleton(0);
        }
        Map<String, String> annotations = new TreeMap<>();
        if (m.annotations() != null) {
            m.annotations().forEach((k, v) -> annotations.put(k, v == null ? "" : v));
        }
        return new Metadata(m.name() == null ? Metadata.SINGLETON_NAME : m.name(),
                m.generation() == null ? 0 : m.generation(), m.resourceVersion(), LinkedHashMap.ofAll(annotations));
    }

    static Spec spec(IbuSpec spec) {
        if (spec == null) {
            return Spec.idle();
        }
        Stage stage = spec.stage() == null ? Stage.IDLE : Stage.parse(spec.stage().name()).get();
        SeedImageRef s = spec.seedImageRef();
        dev.ibu.domain.SeedImageRef seed = s == null ? dev.ibu.domain.SeedImageRef.EMPTY
                : new dev.ibu.domain.SeedImageRef(s.version(), s.image(), pullSecret(s.pullSecretRef()));
        return new Spec(stage, seed, refs(spec.oadpContent(), "spec.oadpContent"),
                refs(spec.extraManifests(), "spec.extraManifests"),
                Option.of(spec.autoRollbackOnFailure()).map(a -> autoRollback(a.initMonitorTimeoutSeconds())));
    }

    private static Option<String> pullSecret(PullSecretRef ref) {
        if (ref == null) {
            return Option.none();
        }
        if (ref.name() == null || ref.name().isEmpty()) {
            throw new Rejected("spec.seedImageRef.pullSecretRef.name is missing; name the Secret with the pull "
                    + "credentials, or remove pullSecretRef");
        }
        return Option.some(ref.name());
    }

    private static AutoRollbackOnFailure autoRollback(BigInteger seconds) {
        String field = "spec.autoRollbackOnFailure.initMonitorTimeoutSeconds";
        if (seconds == null) {
            return new AutoRollbackOnFailure(0);
        }
        if (seconds.signum() < 0) {
            throw new Rejected(field + " is " + seconds + "; it must be >= 0 (0 or absent means 1800)");
        }
        if (seconds.bitLength() > 63) {
            throw new Rejected(field + " is " + seconds + "; it must be at most " + Long.MAX_VALUE);
        }
        return new AutoRollbackOnFailure(seconds.longValueExact());
    }

    private static List<dev.ibu.domain.ConfigMapRef> refs(java.util.List<ConfigMapRef> refs, String field) {
        if (refs == null) {
            return List.empty();
        }
        return List.ofAll(refs).zipWithIndex().map(t -> {
            ConfigMapRef r = t._1;
            if (r == null || isEmpty(r.name()) || isEmpty(r.namespace())) {
                throw new Rejected(field + "[" + t._2 + "] needs both name and namespace of a ConfigMap");
            }
            return new dev.ibu.domain.ConfigMapRef(r.name(), r.namespace());
        });
    }

    private static Status status(IbuStatus status) {
        if (status == null) {
            return Status.EMPTY;
        }
        List<Condition> conditions = List.ofAll(status.conditions()).zipWithIndex()
                .map(t -> condition(t._1, "status.conditions[" + t._2 + "]"));
        // upstream's items carry no enum and unknown names cannot be requested anyway: they are dropped
        List<Stage> next = List.ofAll(status.validNextStages()).flatMap(Stage::parse);
        return new Status(orZero(status.observedGeneration()), new Conditions(conditions), next,
                instant(status.rollbackAvailabilityExpiration()), List.ofAll(status.history()).map(Decoder::history));
    }

    private static Condition condition(CrCondition c, String field) {
        if (c == null || isEmpty(c.type())) {
            throw new Rejected(field + ".type is missing; name the condition, e.g. PrepCompleted");
        }
        if (c.status() == null) {
            throw new Rejected(field + ".status is missing; use \"True\", \"False\" or \"Unknown\"");
        }
        return new Condition(c.type(), ConditionStatus.valueOf(c.status().name()), c.reason(), c.message(),
                orZero(c.observedGeneration()), instant(c.lastTransitionTime()).getOrElse(Instant.EPOCH));
    }

    private static StageHistory history(dev.ibu.codec.wire.StageHistory h) {
        return new StageHistory(nullToEmpty(h.stage()), instant(h.startTime()), instant(h.completionTime()),
                List.ofAll(h.phases()).map(p -> new PhaseHistory(nullToEmpty(p.phase()), instant(p.startTime()),
                        instant(p.completionTime()))));
    }

    private static Option<Instant> instant(OffsetDateTime t) {
        return Option.of(t).map(OffsetDateTime::toInstant);
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
