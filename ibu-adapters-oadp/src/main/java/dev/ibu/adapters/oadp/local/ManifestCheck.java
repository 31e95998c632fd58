package dev.ibu.adapters.oadp.local;

import io.vavr.control.Either;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a finished backup directory against its manifest before anything is restored: the manifest itself (its
 * SHA-256 travels in the export bundle, on the new stateroot), then every file: missing, extra (or not a regular
 * file), different size or SHA-256. Problems name the file; nothing is applied unless there is none.
 */
final class ManifestCheck {
    private static final int MAX_NAMED = 10;

    private ManifestCheck() {
    }

    static Either<String, BackupManifest> verify(ContainedDir root, String upgrade, Optional<String> manifestSha) {
        try {
            if (!root.exists(upgrade)) {
                return Either.left("the backup directory " + root.resolve(upgrade) + " is missing");
            }
            if (!root.exists(upgrade + "/" + LocalLayout.MANIFEST)) {
                return Either.left("missing file " + LocalLayout.MANIFEST);
            }
            byte[] raw = root.read(upgrade + "/" + LocalLayout.MANIFEST);
            String sha = LocalLayout.sha256(raw);
            if (manifestSha.isPresent() && !manifestSha.get().equals(sha)) {
                return Either.left("altered file " + LocalLayout.MANIFEST + " (SHA-256 " + sha + ", recorded before the"
                        + " pivot " + manifestSha.get() + ")");
            }
            BackupManifest manifest;
            try {
                manifest = Documents.readJson(raw, BackupManifest.class);
            } catch (RuntimeException e) {
                return Either.left("unreadable file " + LocalLayout.MANIFEST + " (" + e.getClass().getSimpleName() + ")");
            }
            if (!BackupManifest.FORMAT.equals(manifest.format()) || !upgrade.equals(manifest.upgrade())) {
                return Either.left("file " + LocalLayout.MANIFEST + " is of format " + manifest.format() + " for upgrade "
                        + manifest.upgrade() + ", expected " + BackupManifest.FORMAT + " for " + upgrade);
            }
            List<String> problems = problems(root, upgrade, manifest);
            if (!problems.isEmpty()) {
                String named = String.join("; ", problems.subList(0, Math.min(MAX_NAMED, problems.size())));
                return Either.left(named + (problems.size() > MAX_NAMED ? "; and " + (problems.size() - MAX_NAMED)
                        + " more" : ""));
            }
            return Either.right(manifest);
        } catch (IOException e) {
            return Either.left("cannot read the backup directory: " + e.getMessage());
        }
    }

    private static List<String> problems(ContainedDir root, String upgrade, BackupManifest manifest) throws IOException {
        Map<String, BackupManifest.FileEntry> expected = new LinkedHashMap<>();
        manifest.files().forEach(f -> expected.put(f.path(), f));
        List<String> problems = new ArrayList<>();
        for (ContainedDir.Entry e : root.list(upgrade)) {
            if (e.path().equals(LocalLayout.MANIFEST)) {
                continue;
            }
            BackupManifest.FileEntry want = expected.remove(e.path());
            if (want == null) {
                problems.add("extra file " + e.path() + (e.regular() ? "" : " (not a regular file)"));
            } else if (!e.regular()) {
                problems.add("altered file " + e.path() + " (not a regular file)");
            } else if (e.size() != want.size()) {
                problems.add("altered file " + e.path() + " (" + e.size() + " bytes, manifest says " + want.size() + ")");
            } else if (!LocalLayout.sha256(root.read(upgrade + "/" + e.path())).equals(want.sha256())) {
                problems.add("altered file " + e.path() + " (SHA-256 differs from the manifest)");
            }
        }
        expected.keySet().forEach(p -> problems.add("missing file " + p));
        return problems;
    }
}
