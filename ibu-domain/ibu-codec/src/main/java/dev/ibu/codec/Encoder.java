package dev.ibu.codec;

import dev.ibu.codec.wire.AutoRollbackOnFailure;
import dev.ibu.codec.wire.ConfigMapRef;
import dev.ibu.codec.wire.CrCondition;
import dev.ibu.codec.wire.CrStage;
import dev.ibu.codec.wire.IbuObject;
import dev.ibu.codec.wire.IbuSpec;
import dev.ibu.codec.wire.IbuStatus;
import dev.ibu.codec.wire.ObjectMetadata;
import dev.ibu.codec.wire.PhaseHistory;
import dev.ibu.codec.wire.PullSecretRef;
import dev.ibu.codec.wire.SeedImageRef;
import dev.ibu.codec.wire.StageHistory;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.Status;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;

/**
 * Domain -> wire records. Zero numbers, empty strings and empty lists are left out as upstream's Go types do
 * ({@code omitempty}); times are whole seconds in UTC, as the API server keeps {@code metav1.Time}, so that what
 * is written equals what is read back.
 */
final class Encoder {
    private Encoder() {
    }

    static IbuObject object(ImageBasedUpgrade ibu) {
        return new IbuObject(IbuCodec.API_VERSION, IbuCodec.KIND, metadata(ibu.metadata()), spec(ibu.spec()),
                status(ibu.status()));
    }

    /** Annotations sorted by key, as Go writes a map, so equal IBUs give equal bytes. */
    private static ObjectMetadata metadata(Metadata m) {
        return new ObjectMetadata(m.name(), m.generation() == 0 ? null : m.generation(),
                emptyToNull(m.resourceVersion()),
                m.annotations().isEmpty() ? null : new TreeMap<>(m.annotations().toJavaMap()));
    }

    static IbuSpec spec(Spec spec) {
        dev.ibu.domain.SeedImageRef s = spec.seedImageRef();
        // empty strings are "absent" in the domain; the CRD forbids an empty image (minLength 1)
        SeedImageRef seed = s.equals(dev.ibu.domain.SeedImageRef.EMPTY) ? null
                : new SeedImageRef(emptyToNull(s.version()), emptyToNull(s.image()),
                        s.pullSecretName().map(PullSecretRef::new).getOrNull());
        return new IbuSpec(CrStage.valueOf(spec.stage().wireName()), seed, refs(spec.oadpContent()),
                refs(spec.extraManifests()),
                // upstream's field is omitempty: 0 (the default, 1800 s) is written as {} as the document shows
                spec.autoRollbackOnFailure().map(a -> new AutoRollbackOnFailure(a.initMonitorTimeoutSeconds() == 0
                        ? null : BigInteger.valueOf(a.initMonitorTimeoutSeconds()))).getOrNull());
    }

    /** Null for the empty status: a fresh CR has none. */
    static IbuStatus status(Status status) {
        if (status.equals(Status.EMPTY)) {
            return null;
        }
        return new IbuStatus(zeroToNull(status.observedGeneration()),
                status.conditions().items().map(Encoder::condition).asJava(),
                status.validNextStages().map(Stage::wireName).asJava(),
                status.rollbackAvailabilityExpiration().map(Encoder::time).getOrNull(),
                status.history().map(Encoder::history).asJava());
    }

    private static CrCondition condition(Condition c) {
        return new CrCondition(c.type(), CrCondition.Status.valueOf(c.status().name()),
                zeroToNull(c.observedGeneration()), time(c.lastTransitionTime()), c.reason(), c.message());
    }

    private static StageHistory history(dev.ibu.domain.StageHistory h) {
        return new StageHistory(emptyToNull(h.stage()), time(h.startTime()), time(h.completionTime()),
                h.phases().map(p -> new PhaseHistory(emptyToNull(p.phase()), time(p.startTime()),
                        time(p.completionTime()))).asJava());
    }

    /** RFC 3339 in UTC with whole seconds, e.g. {@code 2024-01-01T09:00:00Z}. */
    static OffsetDateTime time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime time(Option<Instant> instant) {
        return instant.map(Encoder::time).getOrNull();
    }

    private static java.util.List<ConfigMapRef> refs(List<dev.ibu.domain.ConfigMapRef> refs) {
        return refs.isEmpty() ? null : refs.map(r -> new ConfigMapRef(r.name(), r.namespace())).asJava();
    }

    private static Long zeroToNull(long n) {
        return n == 0 ? null : n;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
