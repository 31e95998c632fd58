package dev.ibu.adapters.host.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ibu.adapters.host.support.Json;
import dev.ibu.domain.AutoRollbackOnFailure;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.PhaseHistory;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StageHistory;
import dev.ibu.domain.Status;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The IBU resource as the CR JSON upstream writes to {@code /var/lib/lca/ibu.json}, mapped by hand so
 * the domain stays free of Jackson and of vavr serialisation.
 */
public final class IbuJson {

    private IbuJson() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cr(String apiVersion, String kind, Meta metadata, SpecDto spec, StatusDto status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Meta(String name, long generation, String resourceVersion, Map<String, String> annotations) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SpecDto(String stage, SeedRef seedImageRef, List<Ref> oadpContent, List<Ref> extraManifests, Arb autoRollbackOnFailure) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SeedRef(String version, String image, Ref pullSecretRef) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ref(String name, String namespace) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Arb(long initMonitorTimeoutSeconds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusDto(long observedGeneration, List<Cond> conditions, List<String> validNextStages,
                     String rollbackAvailabilityExpiration, List<Hist> history) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cond(String type, String status, String reason, String message, long observedGeneration, String lastTransitionTime) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Hist(String stage, String startTime, String completionTime, List<Phase> phases) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Phase(String phase, String startTime, String completionTime) {
    }

    public static String write(ImageBasedUpgrade ibu) {
        Metadata m = ibu.metadata();
        Meta meta = new Meta(m.name(), m.generation(), m.resourceVersion(), m.annotations().toJavaMap());
        Spec s = ibu.spec();
        SeedImageRef r = s.seedImageRef();
        SpecDto spec = new SpecDto(s.stage().wireName(),
            new SeedRef(r.version(), r.image(), r.pullSecretName().map(n -> new Ref(n, null)).getOrNull()),
            s.oadpContent().map(c -> new Ref(c.name(), c.namespace())).toJavaList(),
            s.extraManifests().map(c -> new Ref(c.name(), c.namespace())).toJavaList(),
            s.autoRollbackOnFailure().map(a -> new Arb(a.initMonitorTimeoutSeconds())).getOrNull());
        Status st = ibu.status();
        StatusDto status = new StatusDto(st.observedGeneration(),
            st.conditions().items().map(c -> new Cond(c.type(), c.status().wireName(), c.reason(), c.message(),
                c.observedGeneration(), c.lastTransitionTime().toString())).toJavaList(),
            st.validNextStages().map(Stage::wireName).toJavaList(),
            st.rollbackAvailabilityExpiration().map(Instant::toString).getOrNull(),
            st.history().map(h -> new Hist(h.stage(), str(h.startTime()), str(h.completionTime()),
                h.phases().map(p -> new Phase(p.phase(), str(p.startTime()), str(p.completionTime()))).toJavaList()))
                .toJavaList());
        return Json.MAPPER.writeValueAsString(new Cr("lca.openshift.io/v1", "ImageBasedUpgrade", meta, spec, status));
    }

    public static ImageBasedUpgrade read(String json) {
        Cr cr = Json.MAPPER.readValue(json, Cr.class);
        if (cr.metadata() == null || cr.spec() == null) {
            throw new IllegalArgumentException("saved IBU has no metadata or spec");
        }
        Meta m = cr.metadata();
        Metadata meta = new Metadata(m.name(), m.generation(), m.resourceVersion(),
            m.annotations() == null ? LinkedHashMap.empty() : LinkedHashMap.ofAll(m.annotations()));
        return new ImageBasedUpgrade(meta, spec(cr.spec()), status(cr.status()));
    }

    private static Spec spec(SpecDto s) {
        Stage stage = Stage.parse(s.stage()).getOrElseThrow(() ->
            new IllegalArgumentException("saved IBU has unknown spec.stage \"" + s.stage() + "\""));
        SeedRef r = s.seedImageRef();
        SeedImageRef ref = r == null ? SeedImageRef.EMPTY
            : new SeedImageRef(r.version(), r.image(), Option.of(r.pullSecretRef()).map(Ref::name));
        return new Spec(stage, ref, refs(s.oadpContent()), refs(s.extraManifests()),
            Option.of(s.autoRollbackOnFailure()).map(a -> new AutoRollbackOnFailure(a.initMonitorTimeoutSeconds())));
    }

    private static io.vavr.collection.List<ConfigMapRef> refs(List<Ref> refs) {
        return refs == null ? io.vavr.collection.List.empty()
            : io.vavr.collection.List.ofAll(refs).map(x -> new ConfigMapRef(x.name(), x.namespace()));
    }

    private static Status status(StatusDto s) {
        if (s == null) {
            return Status.EMPTY;
        }
        Conditions conds = new Conditions(io.vavr.collection.List.ofAll(nn(s.conditions())).map(c -> new Condition(c.type(),
            ConditionStatus.parse(c.status()).getOrElse(ConditionStatus.UNKNOWN), c.reason(), c.message(),
            c.observedGeneration(), Instant.parse(c.lastTransitionTime()))));
        return new Status(s.observedGeneration(), conds,
            io.vavr.collection.List.ofAll(nn(s.validNextStages())).flatMap(Stage::parse),
            Option.of(s.rollbackAvailabilityExpiration()).map(Instant::parse),
            io.vavr.collection.List.ofAll(nn(s.history())).map(h -> new StageHistory(h.stage(), inst(h.startTime()),
                inst(h.completionTime()), io.vavr.collection.List.ofAll(nn(h.phases()))
                .map(p -> new PhaseHistory(p.phase(), inst(p.startTime()), inst(p.completionTime()))))));
    }

    private static <T> List<T> nn(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static String str(Option<Instant> i) {
        return i.map(Instant::toString).getOrNull();
    }

    private static Option<Instant> inst(String s) {
        return Option.of(s).map(Instant::parse);
    }
}
