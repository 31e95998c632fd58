package dev.ibu.apiserver;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An injected failure: requests matching {@link #when} are answered with a Status error (or a raw JSON body) instead
 * of being served, for at most {@code times} requests (then the fault is spent). Faults are checked after
 * authentication and authorization, as an etcd timeout or a webhook denial would strike, so a request the caller may
 * not make is still 403.
 *
 * <pre>{@code
 * server.inject(Fault.when(r -> r.is("GET", "/api/v1/nodes")).status(503, "ServiceUnavailable", "etcd leader changed").once());
 * }</pre>
 */
public final class Fault {
    private final Predicate<AuditEvent> when;
    private final int code;
    private final String reason;
    private final String message;
    private final String body;
    private final AtomicInteger remaining;

    private Fault(Predicate<AuditEvent> when, int code, String reason, String message, String body, int times) {
        this.when = when;
        this.code = code;
        this.reason = reason;
        this.message = message;
        this.body = body;
        this.remaining = new AtomicInteger(times);
    }

    public static Matcher when(Predicate<AuditEvent> when) {
        return new Matcher(when);
    }

    /** Claims one use when the request matches and uses are left. */
    boolean claim(AuditEvent request) {
        if (!when.test(request)) {
            return false;
        }
        return remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    /** A raw JSON body to answer with instead of a Status, or null. */
    public String body() {
        return body;
    }

    /** How many more requests it will answer. */
    public int remaining() {
        return remaining.get();
    }

    /** The first half of a fault: which requests it strikes. */
    public static final class Matcher {
        private final Predicate<AuditEvent> when;

        private Matcher(Predicate<AuditEvent> when) {
            this.when = when;
        }

        /** Answers a {@code Status} with this code, reason and message. */
        public Answer status(int code, String reason, String message) {
            return new Answer(when, code, reason, message, null);
        }

        /**
         * Answers this JSON body as is: what a broken or foreign server might send (e.g. an object the CRD's schema
         * would never admit), to test the client's reading of it.
         */
        public Answer body(int code, String json) {
            return new Answer(when, code, "", "", json);
        }
    }

    /** The second half: how often. */
    public static final class Answer {
        private final Predicate<AuditEvent> when;
        private final int code;
        private final String reason;
        private final String message;
        private final String body;

        private Answer(Predicate<AuditEvent> when, int code, String reason, String message, String body) {
            this.when = when;
            this.code = code;
            this.reason = reason;
            this.message = message;
            this.body = body;
        }

        public Fault once() {
            return times(1);
        }

        public Fault times(int n) {
            return new Fault(when, code, reason, message, body, n);
        }

        /** Until removed with {@link ApiServer#removeFault} or {@link ApiServer#clearFaults}. */
        public Fault always() {
            return times(Integer.MAX_VALUE);
        }
    }
}
