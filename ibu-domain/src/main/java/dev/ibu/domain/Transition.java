package dev.ibu.domain;

/** The outcome of validating a requested stage (spec §3.4). */
public sealed interface Transition {
    Stage requested();

    Conditions conditions();

    /** The request is in validNextStages; {@code conditions} hold the stage's new conditions. */
    record Accepted(Stage requested, Conditions conditions, IdleOutcome idleOutcome) implements Transition {
    }

    /** The request is not allowed; {@code conditions} carry InvalidTransition with {@code message}. */
    record Rejected(Stage requested, Conditions conditions, String message) implements Transition {
    }

    /** What an accepted Idle request turns into; {@code NOT_IDLE} for the other stages. */
    enum IdleOutcome { NOT_IDLE, FINALIZE, ABORT, RESET, NO_OP }
}
