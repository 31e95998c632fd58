package dev.ibu.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.ibu.domain.AutoRollbackOnFailure;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.PhaseHistory;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StageHistory;
import dev.ibu.domain.Status;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any domain IBU (with whole-second times, as the API server keeps them) survives domain -> JSON -> domain and
 * domain -> YAML -> domain unchanged: the wire format loses nothing the engine relies on (condition order, history,
 * empty vs absent). Moved from the k8s adapter's mapper, which the codec replaces.
 */
class IbuCodecPropertyTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant BASE = Instant.parse("2024-01-01T09:00:00Z");

    static Gen<Instant> times() {
        return integers().between(0, 400 * 24 * 3600).map(s -> BASE.plusSeconds(s));
    }

    static Gen<Option<Instant>> optionalTimes() {
        return integers().between(0, 3).zip(times(), (n, t) -> n == 0 ? Option.<Instant>none() : Option.some(t));
    }

    static Gen<Stage> stages() {
        return integers().between(0, 3).map(i -> Stage.values()[i]);
    }

    static Gen<Condition> conditions() {
        Gen<String> types = integers().between(0, 6).map(i -> List.of("Idle", "PrepInProgress", "PrepCompleted",
                "UpgradeInProgress", "UpgradeCompleted", "RollbackInProgress", "RollbackCompleted").get(i));
        Gen<ConditionStatus> status = integers().between(0, 2).map(i -> ConditionStatus.values()[i]);
        Gen<String> reasons = integers().between(0, 4).map(i -> List.of("InProgress", "Completed", "Failed",
                "Aborting", "InvalidTransition").get(i));
        Gen<String> messages = strings().basicLatinAlphabet().ofLengthBetween(0, 40);
        return types.zip(status, reasons, messages, (t, s, r, m) -> new Object[] {t, s, r, m})
                .zip(longs().between(0, 50), times(), (a, g, at) -> new Condition((String) a[0],
                        (ConditionStatus) a[1], (String) a[2], (String) a[3], g, at));
    }

    static Gen<StageHistory> history() {
        Gen<PhaseHistory> phase = integers().between(0, 3).zip(optionalTimes(), optionalTimes(), (i, s, c) ->
                new PhaseHistory(List.of("Stateroot", "Precache", "PrePivot", "PostPivot").get(i), s, c));
        return stages().zip(optionalTimes(), optionalTimes(), lists().of(phase).ofSizeBetween(0, 3),
                (st, s, c, p) -> new StageHistory(st.wireName(), s, c, List.ofAll(p)));
    }

    static Gen<Status> statuses() {
        // conditions keyed by type, as Conditions.set keeps them; their order is whatever was generated
        Gen<Conditions> conditions = lists().of(conditions()).ofSizeBetween(0, 7).map(cs -> new Conditions(
                List.ofAll(cs).distinctBy(Condition::type)));
        Gen<List<Stage>> next = lists().of(stages()).ofSizeBetween(0, 3).map(l -> List.ofAll(l).distinct());
        return conditions.zip(next, optionalTimes(), lists().of(history()).ofSizeBetween(0, 3),
                longs().between(0, 99), (c, n, r, h, g) -> new Status(g, c, n, r, List.ofAll(h)));
    }

    static Gen<Spec> specs() {
        Gen<SeedImageRef> seeds = integers().between(0, 2).map(i -> i == 0 ? SeedImageRef.EMPTY
                : new SeedImageRef("4.16." + i, "quay.io/seed:4.16." + i, i == 2 ? Option.some("pull") : Option.none()));
        Gen<List<ConfigMapRef>> refs = lists().of(integers().between(0, 3)).ofSizeBetween(0, 3)
                .map(l -> List.ofAll(l).map(i -> new ConfigMapRef("cm-" + i, "ns-" + i)));
        Gen<Option<AutoRollbackOnFailure>> rollback = integers().between(-1, 3600).map(i -> i < 0
                ? Option.<AutoRollbackOnFailure>none() : Option.some(new AutoRollbackOnFailure(i)));
        return stages().zip(seeds, refs, refs, rollback, (st, s, o, e, r) -> new Spec(st, s, o, e, r));
    }

    static Gen<ImageBasedUpgrade> ibus() {
        Gen<Metadata> metadata = longs().between(0, 30).zip(integers().between(0, 2), (gen, i) -> new Metadata(
                "upgrade", gen, i == 0 ? "" : "12" + i, i == 2 ? LinkedHashMap.empty()
                : LinkedHashMap.of("lca.openshift.io/trigger-reconcile", "x", "a/b", "line1\n\"line2\"")));
        return specs().zip(statuses(), metadata, (spec, status, m) -> new ImageBasedUpgrade(m, spec, status));
    }

    /** What a store keeps and returns for what we write, {@code wire} standing for the store. */
    static ImageBasedUpgrade throughTheWire(ImageBasedUpgrade ibu, UnaryOperator<String> wire) {
        return IbuCodec.fromJson(wire.apply(IbuCodec.toJson(ibu)))
                .getOrElseThrow(e -> new AssertionError(e.message()));
    }

    @Test
    void domain_to_wire_and_back_is_the_identity() {
        qt().withExamples(300).forAll(ibus()).checkAssert(ibu ->
                assertThat(throughTheWire(ibu, UnaryOperator.identity())).isEqualTo(ibu));
    }

    @Test
    void domain_to_yaml_and_back_is_the_identity() {
        qt().withExamples(200).forAll(ibus()).checkAssert(ibu -> assertThat(IbuCodec.readDocuments(
                IbuCodec.toYaml(ibu)).map(docs -> docs.single().ibu()).get()).isEqualTo(ibu));
    }

    @Test
    void equal_ibus_give_equal_bytes_whatever_the_order_annotations_were_set_in() {
        ImageBasedUpgrade a = ImageBasedUpgrade.fresh().withMetadata(ImageBasedUpgrade.fresh().metadata()
                .withAnnotations(LinkedHashMap.of("b", "2", "a", "1")));
        ImageBasedUpgrade b = a.withMetadata(a.metadata().withAnnotations(LinkedHashMap.of("a", "1", "b", "2")));

        assertThat(IbuCodec.toJson(a)).isEqualTo(IbuCodec.toJson(b)).contains("{\"a\":\"1\",\"b\":\"2\"}");
    }

    @Test
    void times_are_written_as_rfc3339_utc_seconds() {
        ImageBasedUpgrade ibu = ImageBasedUpgrade.fresh().withStatus(Status.EMPTY.withConditions(Conditions.EMPTY
                .set("Idle", ConditionStatus.TRUE, "Idle", "Idle", 1, Instant.parse("2024-01-01T09:00:00.987Z"))));

        assertThat(IbuCodec.toJson(ibu))
                .contains("\"lastTransitionTime\":\"2024-01-01T09:00:00Z\"");
    }

    /** Canary: a wire that loses the condition order (as a map-based store would) is caught by the property. */
    @Test
    void the_property_catches_a_wire_that_reorders_conditions() {
        UnaryOperator<String> reorder = json -> {
            ObjectNode cr = (ObjectNode) JSON.readTree(json);
            JsonNode conditions = cr.path("status").path("conditions");
            if (conditions.size() > 1) {
                java.util.List<JsonNode> sorted = new java.util.ArrayList<>();
                conditions.forEach(sorted::add);
                sorted.sort(java.util.Comparator.comparing(c -> c.path("type").asString()));
                java.util.Collections.reverse(sorted);
                ((ObjectNode) cr.path("status")).set("conditions", JSON.createArrayNode().addAll(sorted));
            }
            return JSON.writeValueAsString(cr);
        };
        assertThatThrownBy(() -> qt().withExamples(100).withShrinkCycles(10).forAll(ibus()).checkAssert(ibu ->
                assertThat(throughTheWire(ibu, reorder)).isEqualTo(ibu))).isInstanceOf(AssertionError.class);
    }
}
