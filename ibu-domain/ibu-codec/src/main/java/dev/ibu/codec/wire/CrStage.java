package dev.ibu.codec.wire;

/** Wire values of {@code spec.stage}; the constant names are the wire values. */
public enum CrStage {
    Idle, Prep, Upgrade, Rollback
}
