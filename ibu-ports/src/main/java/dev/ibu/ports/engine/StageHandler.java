package dev.ibu.ports.engine;

import dev.ibu.ports.in.ReconcileResult;

/** One stage's handler: runs while the stage is in progress and says when to look again. */
interface StageHandler {
    ReconcileResult handle(Pass pass);
}
