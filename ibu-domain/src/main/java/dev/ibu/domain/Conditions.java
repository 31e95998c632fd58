package dev.ibu.domain;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Objects;

/**
 * The ordered list of conditions with upstream's setting primitive (spec §2.4). Order is user-visible: the printer
 * columns show the last condition. Immutable; every operation returns a new list.
 */
public record Conditions(List<Condition> items) {

    public static final Conditions EMPTY = new Conditions(List.empty());

    public Conditions {
        Objects.requireNonNull(items, "items");
    }

    public static Conditions of(Condition... conditions) {
        return new Conditions(List.of(conditions));
    }

    public static Conditions of(java.util.List<Condition> conditions) {
        return new Conditions(List.ofAll(conditions));
    }

    public Option<Condition> find(String type) {
        return items.find(c -> c.type().equals(type));
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public Option<Condition> last() {
        return items.lastOption();
    }

    /**
     * Sets a condition the way upstream does: a status flip, or any write of {@code Idle}, moves an existing condition
     * to the end unless it is already last (re-appended with lastTransitionTime = now); in place, lastTransitionTime
     * changes only when the status changes.
     */
    public Conditions set(String type, ConditionStatus status, String reason, String message,
                          long generation, Instant now) {
        Option<Condition> existing = find(type);
        if (existing.isEmpty()) {
            return new Conditions(items.append(new Condition(type, status, reason, message, generation, now)));
        }
        Condition old = existing.get();
        boolean flip = old.status() != status;
        Instant transition = flip ? now : old.lastTransitionTime();
        Condition updated = new Condition(type, status, reason, message, generation, transition);
        boolean isLast = items.last().type().equals(type);
        if ((flip || ConditionTypes.IDLE.equals(type)) && !isLast) {
            // removed, then appended as a new condition: lastTransitionTime = now even without a status flip
            Condition moved = new Condition(type, status, reason, message, generation, now);
            return new Conditions(items.filter(c -> !c.type().equals(type)).append(moved));
        }
        return new Conditions(items.map(c -> c.type().equals(type) ? updated : c));
    }

    public Conditions remove(String type) {
        return new Conditions(items.filter(c -> !c.type().equals(type)));
    }

    /** Sets the observedGeneration of the given types, leaving everything else (including order) untouched. */
    public Conditions withGeneration(long generation, String... types) {
        List<String> wanted = List.of(types);
        return new Conditions(items.map(c -> wanted.contains(c.type())
                ? new Condition(c.type(), c.status(), c.reason(), c.message(), generation, c.lastTransitionTime())
                : c));
    }

    public java.util.List<Condition> asJava() {
        return items.asJava();
    }
}
