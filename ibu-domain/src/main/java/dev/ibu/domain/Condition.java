package dev.ibu.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One status condition, shaped like metav1.Condition. The domain does not validate reason or message text:
 * conditions are accepted as the cluster holds them.
 */
public record Condition(
        String type,
        ConditionStatus status,
        String reason,
        String message,
        long observedGeneration,
        Instant lastTransitionTime) {

    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
        Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
        if (type.isEmpty()) {
            throw new IllegalArgumentException("condition type must not be empty");
        }
    }

    public boolean isTrue() {
        return status == ConditionStatus.TRUE;
    }

    public boolean isFalse() {
        return status == ConditionStatus.FALSE;
    }
}
