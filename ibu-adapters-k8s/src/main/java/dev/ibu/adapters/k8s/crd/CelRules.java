package dev.ibu.adapters.k8s.crd;

/**
 * The six root CEL rules of the upstream CRD, copied verbatim (rule text and message), because
 * annotation values must be compile-time constants and people script against the messages.
 */
public final class CelRules {
    private CelRules() {
    }

    public static final String SINGLETON_RULE = "self.metadata.name == 'upgrade'";
    public static final String SINGLETON_MESSAGE = "ibu is a singleton, metadata.name must be 'upgrade'";

    private static final String IN_PROGRESS_GUARD = "!has(oldSelf.status) || oldSelf.status.conditions.exists(c, "
            + "c.type=='Idle' && c.status=='True') || self.spec.stage=='Idle' || ";

    public static final String SEED_IMAGE_REF_RULE = IN_PROGRESS_GUARD
            + "has(oldSelf.spec.seedImageRef) && has(self.spec.seedImageRef) "
            + "&& oldSelf.spec.seedImageRef==self.spec.seedImageRef "
            + "|| !has(self.spec.seedImageRef) && !has(oldSelf.spec.seedImageRef)";
    public static final String SEED_IMAGE_REF_MESSAGE = "can not change spec.seedImageRef while ibu is in progress";

    public static final String OADP_CONTENT_RULE = IN_PROGRESS_GUARD
            + "has(oldSelf.spec.oadpContent) && has(self.spec.oadpContent) "
            + "&& oldSelf.spec.oadpContent==self.spec.oadpContent "
            + "|| !has(self.spec.oadpContent) && !has(oldSelf.spec.oadpContent)";
    public static final String OADP_CONTENT_MESSAGE = "can not change spec.oadpContent while ibu is in progress";

    public static final String EXTRA_MANIFESTS_RULE = IN_PROGRESS_GUARD
            + "has(oldSelf.spec.extraManifests) && has(self.spec.extraManifests) "
            + "&& oldSelf.spec.extraManifests==self.spec.extraManifests "
            + "|| !has(self.spec.extraManifests) && !has(oldSelf.spec.extraManifests)";
    public static final String EXTRA_MANIFESTS_MESSAGE = "can not change spec.extraManifests while ibu is in progress";

    public static final String AUTO_ROLLBACK_RULE = IN_PROGRESS_GUARD
            + "has(oldSelf.spec.autoRollbackOnFailure) && has(self.spec.autoRollbackOnFailure) "
            + "&& oldSelf.spec.autoRollbackOnFailure==self.spec.autoRollbackOnFailure "
            + "|| !has(self.spec.autoRollbackOnFailure) && !has(oldSelf.spec.autoRollbackOnFailure)";
    public static final String AUTO_ROLLBACK_MESSAGE =
            "can not change spec.autoRollbackOnFailure while ibu is in progress";

    public static final String TRANSITION_RULE = "!has(oldSelf.status) || has(oldSelf.status.validNextStages) "
            + "&& self.spec.stage in oldSelf.status.validNextStages || has(oldSelf.spec.stage) "
            + "&& has(self.spec.stage) && oldSelf.spec.stage==self.spec.stage";
    public static final String TRANSITION_MESSAGE = "the stage transition is not permitted. Please refer to "
            + "status.validNextStages for valid transitions. If status.validNextStages is not present, it "
            + "indicates that no transitions are currently allowed";
}
