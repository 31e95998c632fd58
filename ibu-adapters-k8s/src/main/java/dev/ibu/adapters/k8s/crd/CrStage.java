package dev.ibu.adapters.k8s.crd;

/** Wire values of {@code spec.stage}; the constant names are the wire values. */
public enum CrStage {
    Idle, Prep, Upgrade, Rollback
}
