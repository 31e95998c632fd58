package dev.ibu.adapters.host.ostree;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code ostree admin status}. A deployment line is a marker column ("*" when booted, blank
 * otherwise), the osname and {@code <csum>.<serial>}, maybe followed by "(staged)", "(pending)" or
 * "(rollback)"; indented lines below it are details. Order is the index.
 */
public final class OstreeStatusParser {

    private static final Pattern LINE = Pattern.compile(
        "^(\\*|\\s)\\s*(\\S+)\\s+([0-9a-f]{64})\\.(\\d+)(?:\\s+\\(([a-z ]+)\\))?\\s*$");

    private OstreeStatusParser() {
    }

    public static List<OstreeDeployment> parse(String text) {
        List<OstreeDeployment> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("    ")) {
                continue; // details of the deployment above ("origin refspec:", "Version:", ...)
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                if (line.strip().startsWith("No deployments")) {
                    continue;
                }
                throw new IllegalArgumentException("unexpected line in `ostree admin status` output: \"" + line + "\"");
            }
            out.add(new OstreeDeployment(out.size(), m.group(2), m.group(3), Integer.parseInt(m.group(4)),
                "*".equals(m.group(1))));
        }
        return List.copyOf(out);
    }
}
