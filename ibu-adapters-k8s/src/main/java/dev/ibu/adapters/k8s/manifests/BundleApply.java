package dev.ibu.adapters.k8s.manifests;

import dev.ibu.ports.out.PortFailure;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies exported files one by one in order. A refusal (400/422, kind not served) is Terminal; anything else is
 * Transient and the whole bundle is applied again next time (each apply is idempotent). Either way the message says
 * how many manifests were applied before the failure, so a partial apply is never silent.
 */
final class BundleApply {
    private static final Logger LOG = LoggerFactory.getLogger(BundleApply.class);

    private final ManifestApplier applier;

    BundleApply(ManifestApplier applier) {
        this.applier = applier;
    }

    Either<PortFailure, Void> apply(List<Tuple2<String, String>> files) {
        int done = 0;
        for (Tuple2<String, String> file : files) {
            Either<String, Manifest> manifest = ExportFiles.read(file._1, file._2);
            if (manifest.isLeft()) {
                return Either.left(PortFailure.terminal(message(manifest.getLeft(), done, files.size())));
            }
            Manifest m = manifest.get();
            ManifestApplier.Outcome outcome = applier.apply(m, false);
            if (outcome instanceof ManifestApplier.NotServed) {
                return Either.left(PortFailure.terminal(message(m.describe() + " - CRD not deployed on cluster ("
                        + m.origin() + ")", done, files.size())));
            }
            if (outcome instanceof ManifestApplier.Refused) {
                return Either.left(PortFailure.terminal(message(((ManifestApplier.Refused) outcome).reason(), done,
                        files.size())));
            }
            if (outcome instanceof ManifestApplier.Failed) {
                ManifestApplier.Failed f = (ManifestApplier.Failed) outcome;
                String text = message(f.message() + " (" + m.origin() + ")", done, files.size());
                return Either.left(f.rejected() ? PortFailure.terminal(text) : PortFailure.transientFailure(text));
            }
            LOG.info("{} {} from {}", ((ManifestApplier.Applied) outcome).action(), m.describe(), m.origin());
            done++;
        }
        return Either.right(null);
    }

    private static String message(String cause, int done, int total) {
        return "failed to apply manifest: " + cause + "; " + done + " of " + total + " manifests were applied before "
                + "this one and the rest were not applied";
    }
}
