package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.ports.in.ReconcileError;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.PortFailure;
import org.junit.jupiter.api.Test;

/** Each kind of driven-port failure reaches the driving port's caller as its own kind, with its message. */
class ResultsTest {
    @Test
    void every_port_failure_kind_has_its_reconcile_error_kind() {
        assertThat(Results.of(PortFailure.transientFailure("a")).kind()).isEqualTo(ReconcileError.Kind.TRANSIENT);
        assertThat(Results.of(PortFailure.terminal("b")).kind()).isEqualTo(ReconcileError.Kind.TERMINAL);
        assertThat(Results.of(PortFailure.conflict("c")).kind()).isEqualTo(ReconcileError.Kind.CONFLICT);
        assertThat(Results.of(PortFailure.notFound("d")).kind()).isEqualTo(ReconcileError.Kind.NOT_FOUND);
        assertThat(Results.of(PortFailure.invalid("e")).kind()).isEqualTo(ReconcileError.Kind.INVALID);
    }

    @Test
    void the_result_carries_the_message_and_no_requeue() {
        ReconcileResult r = Results.error(PortFailure.notFound("no ImageBasedUpgrade 'upgrade': create it"));
        assertThat(r.error().map(ReconcileError::message)).contains("no ImageBasedUpgrade 'upgrade': create it");
        assertThat(r.summary()).isEqualTo("no ImageBasedUpgrade 'upgrade': create it");
        assertThat(r.requeueAfter()).isEmpty();
        assertThat(ReconcileError.Kind.NOT_FOUND.label()).isEqualTo("NotFound");
    }
}
