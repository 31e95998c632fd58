package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.ApiError;
import dev.ibu.adapters.oadp.OadpCluster;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The {@link BackupPort} the engine gets: OADP or the local backup, per upgrade ({@link BackupMethod}). Prep,
 * backup and export follow the ImageBasedUpgrade's annotation (read afresh each call); the restore follows the
 * bundle carried across the pivot (the IBU there is a copy, and the bundle knows what was done); cleanup runs both,
 * as either may have left something. Without a local store (no host root configured) everything goes to OADP.
 */
public final class BackupMethodSelector implements BackupPort {
    private static final Logger LOG = LoggerFactory.getLogger(BackupMethodSelector.class);

    private final OadpCluster cluster;
    private final BackupPort oadp;
    private final Optional<BackupPort> local;
    private final BooleanSupplier oadpInstalled;

    public BackupMethodSelector(OadpCluster cluster, BackupPort oadp, Optional<BackupPort> local) {
        this(cluster, oadp, local, cluster::oadpInstalled);
    }

    BackupMethodSelector(OadpCluster cluster, BackupPort oadp, Optional<BackupPort> local, BooleanSupplier oadpInstalled) {
        this.cluster = cluster;
        this.oadp = oadp;
        this.local = local;
        this.oadpInstalled = oadpInstalled;
    }

    /** The method for this upgrade and whether it was chosen by default (no annotation). */
    record Choice(BackupMethod method, boolean byDefault) {
    }

    Either<PortFailure, Choice> choose() {
        Either<ApiError, Optional<IbuFacts>> ibu = IbuFacts.read(cluster);
        if (ibu.isLeft()) {
            return Either.left(PortFailure.transientFailure("failed to read ImageBasedUpgrade upgrade: " + ibu.getLeft()));
        }
        Either<String, Optional<BackupMethod>> asked = BackupMethod.requested(
                ibu.get().map(IbuFacts::annotations).orElse(java.util.Map.of()));
        if (asked.isLeft()) {
            return Either.left(PortFailure.invalid(asked.getLeft()));
        }
        if (asked.get().isPresent()) {
            if (asked.get().get() == BackupMethod.LOCAL && local.isEmpty()) {
                return Either.left(PortFailure.invalid("annotation " + BackupMethod.ANNOTATION + ": local asks for the"
                        + " local backup, but this agent has no host root to keep it under: run it with the host's"
                        + " root mounted (setting host.root), or set the annotation to oadp"));
            }
            return Either.right(new Choice(asked.get().get(), false));
        }
        boolean useOadp = local.isEmpty() || oadpInstalled.getAsBoolean();
        return Either.right(new Choice(useOadp ? BackupMethod.OADP : BackupMethod.LOCAL, true));
    }

    private BackupPort port(Choice c) {
        return c.method() == BackupMethod.LOCAL ? local.orElseThrow() : oadp;
    }

    @Override
    public Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> oadpContent) {
        return choose().flatMap(c -> {
            LOG.info("application backup method for this upgrade: {}{}", c.method(), c.byDefault() ? " (default)" : "");
            Either<PortFailure, ManifestValidation> v = port(c).validate(oadpContent);
            if (c.method() == BackupMethod.LOCAL && c.byDefault()) {
                return v.map(m -> new ManifestValidation(m.warnings().prepend("The OADP operator is not installed:"
                        + " application state is kept on the node's shared container partition (local backup). Set"
                        + " annotation " + BackupMethod.ANNOTATION + ": oadp on the ImageBasedUpgrade to require OADP")));
            }
            return v;
        });
    }

    @Override
    public Either<PortFailure, WorkProgress> backup(List<ConfigMapRef> oadpContent) {
        return choose().flatMap(c -> port(c).backup(oadpContent));
    }

    @Override
    public Either<PortFailure, ExportBundle> export(List<ConfigMapRef> oadpContent) {
        return choose().flatMap(c -> port(c).export(oadpContent));
    }

    @Override
    public Either<PortFailure, WorkProgress> restore(ExportBundle exported) {
        if (LocalBundle.isLocal(exported)) {
            if (local.isEmpty()) {
                return Either.left(PortFailure.terminal("Failed restore CRs: the application state was backed up"
                        + " locally, but this agent has no host root to read it from (setting host.root)"));
            }
            return local.get().restore(exported);
        }
        return oadp.restore(exported);
    }

    /** Either adapter may be the one the engine waits on: both wake it. */
    @Override
    public void onProgress(Runnable wake) {
        oadp.onProgress(wake);
        local.ifPresent(l -> l.onProgress(wake));
    }

    @Override
    public Either<PortFailure, Void> cleanup() {
        Either<PortFailure, Void> l = local.map(BackupPort::cleanup).orElse(Either.right(null));
        Either<PortFailure, Void> o = oadp.cleanup();
        return l.isLeft() ? joined(l.getLeft(), o.swap().toOption().toJavaOptional()).<Void>map(x -> null) : o;
    }

    @Override
    public Either<PortFailure, WorkProgress> cleanupStep() {
        Either<PortFailure, WorkProgress> l = local.map(BackupPort::cleanupStep)
                .orElse(Either.right(new WorkProgress.Done()));
        Either<PortFailure, WorkProgress> o = oadp.cleanupStep();
        if (l.isLeft()) {
            return joined(l.getLeft(), o.swap().toOption().toJavaOptional());
        }
        return o;
    }

    /** Both failures in one message; the kind of the first (local) one. */
    private static Either<PortFailure, WorkProgress> joined(PortFailure first, Optional<PortFailure> second) {
        if (second.isEmpty()) {
            return Either.left(first);
        }
        String both = first.message() + "; " + second.get().message();
        return Either.left(first instanceof PortFailure.Transient || second.get() instanceof PortFailure.Transient
                ? PortFailure.transientFailure(both) : PortFailure.terminal(both));
    }
}
