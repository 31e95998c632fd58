package dev.ibu.adapters.oadp;

import dev.ibu.ports.out.ExportBundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OADP part of an {@link ExportBundle}, read back after the pivot. Restore groups and the files inside a group
 * are ordered by their numbers ({@code 2/} before {@code 10/}, {@code 2_x} before {@code 10_y}); upstream
 * orders files lexically, a known bug not copied (and ordered {@code restore10} before
 * {@code restore2} until LCA#5175). Files of other owners in the bundle are ignored.
 */
record ExportedOadp(Optional<String> dpaYaml, List<String> secretYamls, List<List<String>> restoreGroups) {
    private static final Pattern RESTORE_FILE =
            Pattern.compile("^(\\d+)/(\\d+)_[^/]*\\.yaml$");

    ExportedOadp {
        secretYamls = List.copyOf(secretYamls);
        restoreGroups = restoreGroups.stream().map(List::copyOf).toList();
    }

    static ExportedOadp of(ExportBundle bundle) {
        Optional<String> dpa = Optional.empty();
        List<String> secrets = new ArrayList<>();
        TreeMap<Long, TreeMap<Long, String>> groups = new TreeMap<>();
        for (var entry : bundle.files()) {
            String name = entry._1();
            Matcher m = RESTORE_FILE.matcher(name);
            if (name.startsWith(OadpExporter.DPA_DIR) && name.endsWith(".yaml")) {
                if (dpa.isPresent()) {
                    throw new IllegalArgumentException("found more than one DataProtectionApplication yamls in "
                            + OadpExporter.DPA_DIR);
                }
                dpa = Optional.of(entry._2());
            } else if (name.startsWith(OadpExporter.SECRET_DIR) && name.endsWith(".yaml")) {
                secrets.add(entry._2());
            } else if (m.matches()) {
                groups.computeIfAbsent(Long.parseLong(m.group(1)), k -> new TreeMap<>())
                        .put(Long.parseLong(m.group(2)), entry._2());
            }
        }
        List<List<String>> ordered = groups.values().stream().map(g -> List.copyOf(g.values())).toList();
        return new ExportedOadp(dpa, secrets, ordered);
    }

    int restoreCount() {
        return restoreGroups.stream().mapToInt(List::size).sum();
    }

}
