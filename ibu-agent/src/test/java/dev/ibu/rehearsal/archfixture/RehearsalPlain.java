package dev.ibu.rehearsal.archfixture;

/**
 * Test-only stand-in for a class of the rehearsal ({@code dev.ibu.rehearsal}), which depends on the agent and so
 * cannot be on the agent's class path: the target of the "the node agent ships no rehearsal" fixture.
 */
public final class RehearsalPlain {
}
