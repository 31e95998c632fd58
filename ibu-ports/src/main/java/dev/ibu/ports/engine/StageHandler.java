package dev.ibu.ports.engine;

/** One stage's handler: runs while the stage is in progress and says, as a {@link Step}, how the pass ends. */
interface StageHandler {
    Step handle(Pass pass);
}
