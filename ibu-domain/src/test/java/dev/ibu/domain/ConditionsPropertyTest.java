package dev.ibu.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Properties of the §2.4 primitive over random sequences of writes and removals. */
class ConditionsPropertyTest {
    static final int RUNS = 1_200;
    static final long SEED = 0xC0DE_2_4L;

    static final List<String> TYPES = List.of("Idle", "PrepInProgress", "PrepCompleted", "UpgradeInProgress",
            "UpgradeCompleted", "RollbackInProgress", "RollbackCompleted");
    static final List<String> REASONS = List.of("Idle", "InProgress", "Completed", "Failed", "Aborting",
            "InvalidTransition", "Blocked");

    /** The primitive under test, or a broken variant of it. */
    @FunctionalInterface
    interface Primitive {
        Conditions set(Conditions c, String type, ConditionStatus status, String reason, String message, Instant now);
    }

    static final Primitive DOMAIN = (c, t, st, r, m, now) -> c.set(t, st, r, m, 1, now);

    /** One op: 1 in 8 is a removal, otherwise a write of a random type/status/reason/message. */
    record Op(boolean remove, String type, ConditionStatus status, String reason, String message) {
        static Op decode(int x) {
            String type = TYPES.get(x % TYPES.size());
            int y = x / TYPES.size();
            ConditionStatus st = y % 7 == 0 ? ConditionStatus.UNKNOWN
                    : y % 2 == 0 ? ConditionStatus.TRUE : ConditionStatus.FALSE;
            return new Op(x % 8 == 7, type, st, REASONS.get((y / 7) % REASONS.size()), "m" + (y / 49) % 3);
        }
    }

    static Gen<java.util.List<Op>> ops() {
        return lists().of(integers().between(0, 100_000).map(Op::decode)).ofSizeBetween(1, 40);
    }

    /** Applies the ops; after each one checks uniqueness, order and lastTransitionTime. */
    static void check(java.util.List<Op> ops, Primitive primitive) {
        Conditions c = Conditions.EMPTY;
        Instant now = Fx.T0;
        for (Op op : ops) {
            now = now.plusSeconds(1);
            if (op.remove()) {
                Conditions after = c.remove(op.type());
                assertThat(after.find(op.type()).isEmpty()).isTrue();
                assertThat(after.items()).isEqualTo(c.items().filter(x -> !x.type().equals(op.type())));
                c = after;
                continue;
            }
            Conditions after = primitive.set(c, op.type(), op.status(), op.reason(), op.message(), now);
            String at = "after " + op + " on " + Fx.rows(c);
            List<String> typesAfter = after.items().map(Condition::type);
            assertThat(typesAfter.distinct().size()).as("unique types %s", at).isEqualTo(typesAfter.size());

            Condition written = after.find(op.type()).getOrElseThrow(() -> new AssertionError("missing " + at));
            assertThat(Fx.row(written)).as(at)
                    .isEqualTo(Fx.r(op.type(), op.status().wireName(), op.reason(), op.message()));
            assertThat(typesAfter.removeAll(op.type())).as("others keep their order %s", at)
                    .isEqualTo(c.items().map(Condition::type).removeAll(op.type()));
            assertThat(after.items().filter(x -> !x.type().equals(op.type())))
                    .as("others untouched %s", at).isEqualTo(c.items().filter(x -> !x.type().equals(op.type())));

            io.vavr.control.Option<Condition> old = c.find(op.type());
            boolean flip = old.exists(o -> o.status() != op.status());
            boolean wasLast = c.last().exists(l -> l.type().equals(op.type()));
            boolean moves = old.isDefined() && (flip || op.type().equals("Idle")) && !wasLast;
            if (old.isEmpty() || moves) {
                assertThat(after.last().get().type()).as("appended or moved last %s", at).isEqualTo(op.type());
            } else {
                assertThat(typesAfter.indexOf(op.type())).as("stays in place %s", at)
                        .isEqualTo(c.items().map(Condition::type).indexOf(op.type()));
            }
            // lastTransitionTime changes iff the status changes, or the condition is (re-)appended (§2.4 step 2)
            boolean expectNew = old.isEmpty() || flip || moves;
            assertThat(written.lastTransitionTime()).as("lastTransitionTime %s", at)
                    .isEqualTo(expectNew ? now : old.get().lastTransitionTime());
            c = after;
        }
    }

    @Test
    void types_stay_unique_order_follows_the_rule_and_transition_time_changes_only_with_status_or_move() {
        AtomicInteger runs = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(RUNS).forAll(ops()).checkAssert(ops -> {
            runs.incrementAndGet();
            check(ops, DOMAIN);
        });
        System.out.printf("condition primitive: %d runs%n", runs.get());
        assertThat(runs.get()).as("generated runs").isGreaterThanOrEqualTo(1_000);
    }

    /** For every type but Idle, lastTransitionTime changes exactly when the status changes. */
    static void checkNonIdleTransitionTime(java.util.List<Op> ops, Primitive primitive) {
        Conditions c = Conditions.EMPTY;
        Instant now = Fx.T0;
        for (Op op : ops) {
            now = now.plusSeconds(1);
            io.vavr.control.Option<Condition> old = c.find(op.type());
            c = op.remove() ? c.remove(op.type()) : primitive.set(c, op.type(), op.status(), op.reason(), op.message(), now);
            if (!op.remove() && old.isDefined() && !op.type().equals("Idle")) {
                boolean changed = !c.find(op.type()).get().lastTransitionTime().equals(old.get().lastTransitionTime());
                assertThat(changed).as("lastTransitionTime changed, %s on %s", op, old.get())
                        .isEqualTo(old.get().status() != op.status());
            }
        }
    }

    @Test
    void for_non_idle_types_transition_time_changes_iff_status_changes() {
        AtomicInteger runs = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(RUNS).forAll(ops()).checkAssert(ops -> {
            runs.incrementAndGet();
            checkNonIdleTransitionTime(ops, DOMAIN);
        });
        assertThat(runs.get()).as("generated runs").isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void canary_a_primitive_that_appends_duplicates_is_caught() {
        Primitive duplicates = (c, t, st, r, m, now) ->
                new Conditions(c.items().append(new Condition(t, st, r, m, 1, now)));
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(RUNS).withShrinkCycles(100)
                .forAll(ops()).checkAssert(ops -> check(ops, duplicates)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("unique types");
    }

    @Test
    void canary_a_map_like_primitive_that_never_moves_is_caught() {
        Primitive inPlace = (c, t, st, r, m, now) -> {
            if (c.find(t).isEmpty()) {
                return DOMAIN.set(c, t, st, r, m, now);
            }
            Condition old = c.find(t).get();
            Instant ltt = old.status() != st ? now : old.lastTransitionTime();
            return new Conditions(c.items().map(x -> x.type().equals(t) ? new Condition(t, st, r, m, 1, ltt) : x));
        };
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(RUNS).withShrinkCycles(100)
                .forAll(ops()).checkAssert(ops -> check(ops, inPlace)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("moved last");
    }

    @Test
    void canary_a_primitive_that_always_stamps_now_is_caught() {
        Primitive alwaysNow = (c, t, st, r, m, now) -> {
            Conditions after = DOMAIN.set(c, t, st, r, m, now);
            return new Conditions(after.items().map(x -> x.type().equals(t)
                    ? new Condition(t, st, r, m, 1, now) : x));
        };
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(RUNS).withShrinkCycles(100)
                .forAll(ops()).checkAssert(ops -> check(ops, alwaysNow)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("lastTransitionTime");
        assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(RUNS).withShrinkCycles(100)
                .forAll(ops()).checkAssert(ops -> checkNonIdleTransitionTime(ops, alwaysNow)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("lastTransitionTime changed");
    }
}
