package dev.ibu.adapters.oadp.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads back the objects of one Backup from a verified directory (the manifest's file list says which files). */
final class StoredObjects {
    private static final Pattern FILE = Pattern.compile(
            "^backups/([^/]+)/resources/([^/]+)/(?:namespaces/([^/]+)|cluster)/([^/]+)\\.yaml$");

    private StoredObjects() {
    }

    static List<BackedUpObject> of(ContainedDir root, String upgrade, BackupManifest manifest, String backupName)
            throws IOException {
        List<BackedUpObject> out = new ArrayList<>();
        for (BackupManifest.FileEntry f : manifest.files()) {
            Matcher m = FILE.matcher(f.path());
            if (!m.matches() || !m.group(1).equals(backupName)) {
                continue;
            }
            Map<String, Object> object = Documents.readYaml(root.read(upgrade + "/" + f.path()));
            String qualified = m.group(2);
            int dot = qualified.indexOf('.');
            String plural = dot < 0 ? qualified : qualified.substring(0, dot);
            String group = dot < 0 ? "" : qualified.substring(dot + 1);
            String apiVersion = String.valueOf(object.get("apiVersion"));
            String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
            ApiResource r = new ApiResource(group, version, plural, String.valueOf(object.get("kind")), m.group(3) != null,
                    "", List.of());
            out.add(new BackedUpObject(r, m.group(3), m.group(4), object));
        }
        out.sort(RestoreOrder.ORDER);
        return out;
    }
}
