package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.VeleroCr;
import dev.ibu.ports.out.ExportBundle;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Either;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local backup carries across the pivot in the export bundle (saved on the new stateroot): the Restore CRs
 * by wave group ({@code <group>/<index>_<name>_<namespace>.yaml}, as the OADP path) and {@value #REF}, naming the
 * upgrade's directory on the shared partition and the SHA-256 of its manifest. The bundle lives on another file
 * system than the backup, so a manifest rewritten on the partition does not match.
 */
public record LocalBundle(String upgrade, String manifestSha256, List<List<VeleroCr>> restoreGroups) {
    public static final String REF = "local/backup.json";
    private static final Pattern RESTORE_FILE = Pattern.compile("^(\\d+)/(\\d+)_[^/]*\\.yaml$");

    public LocalBundle {
        restoreGroups = restoreGroups.stream().map(List::copyOf).toList();
    }

    /** Whether this bundle was written by the local backup (the selector routes the restore by it). */
    public static boolean isLocal(ExportBundle bundle) {
        return bundle.files().containsKey(REF);
    }

    record Ref(String upgrade, String manifestSha256) {
    }

    ExportBundle toBundle() {
        Map<String, String> files = LinkedHashMap.of(REF, Documents.jsonString(new Ref(upgrade, manifestSha256)));
        for (int g = 0; g < restoreGroups.size(); g++) {
            for (int i = 0; i < restoreGroups.get(g).size(); i++) {
                VeleroCr r = restoreGroups.get(g).get(i);
                files = files.put((g + 1) + "/" + (i + 1) + "_" + r.name() + "_" + r.namespace() + ".yaml",
                        new String(Documents.yaml(r.document()), StandardCharsets.UTF_8));
            }
        }
        return new ExportBundle(files);
    }

    /** Empty when the bundle has no local reference; Left when it is unreadable. */
    static Either<String, Optional<LocalBundle>> of(ExportBundle bundle) {
        Optional<String> ref = bundle.files().get(REF).toJavaOptional();
        if (ref.isEmpty()) {
            return Either.right(Optional.empty());
        }
        Ref parsed;
        try {
            parsed = Documents.fromJson(ref.get(), Ref.class);
        } catch (RuntimeException e) {
            return Either.left("the exported " + REF + " is unreadable (" + e.getClass().getSimpleName() + ")");
        }
        if (parsed.upgrade() == null || !SafeName.isSafe(parsed.upgrade()) || parsed.manifestSha256() == null) {
            return Either.left("the exported " + REF + " names no valid backup directory");
        }
        TreeMap<Long, TreeMap<Long, VeleroCr>> groups = new TreeMap<>();
        for (var entry : bundle.files()) {
            Matcher m = RESTORE_FILE.matcher(entry._1());
            if (!m.matches()) {
                continue;
            }
            java.util.Map<String, Object> doc;
            try {
                doc = Documents.readYaml(entry._2().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                return Either.left("the exported Restore " + entry._1() + " is unreadable");
            }
            java.util.Map<String, Object> meta = Documents.map(doc.get("metadata"));
            VeleroCr restore = new VeleroCr(VeleroCr.RESTORE, String.valueOf(meta.get("name")),
                    String.valueOf(meta.getOrDefault("namespace", "")), doc);
            groups.computeIfAbsent(Long.parseLong(m.group(1)), k -> new TreeMap<>()).put(Long.parseLong(m.group(2)), restore);
        }
        return Either.right(Optional.of(new LocalBundle(parsed.upgrade(), parsed.manifestSha256(),
                groups.values().stream().map(g -> List.copyOf(g.values())).toList())));
    }
}
