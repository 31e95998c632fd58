package dev.ibu.rehearsal;

import dev.ibu.rehearsal.RehearsalMain;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs {@code ibu-agent local ...} through {@link RehearsalMain#run} and reads back the CRs it printed. */
record LocalOutput(int exitCode, String out, String err) {
    private static final String GET = "$ oc get ibu -o yaml\n";

    static LocalOutput run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RehearsalMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new LocalOutput(code, out.toString(), err.toString());
    }

    /** Every CR printed as {@code oc get ibu -o yaml}, in order. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> crs() {
        List<Map<String, Object>> crs = new ArrayList<>();
        int at = out.indexOf(GET);
        YAMLMapper yaml = new YAMLMapper();
        while (at >= 0) {
            int start = at + GET.length();
            int end = out.indexOf("\n\n", start);
            crs.add(yaml.readValue(out.substring(start, end < 0 ? out.length() : end), Map.class));
            at = out.indexOf(GET, start);
        }
        return crs;
    }

    /** The CRs printed in the section whose title contains {@code title}, in order. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> crsIn(String title) {
        int section = out.indexOf(title);
        if (section < 0) {
            throw new AssertionError("no section '" + title + "' in:\n" + out);
        }
        int next = out.indexOf("\n== ", section);
        String text = out.substring(section, next < 0 ? out.length() : next);
        List<Map<String, Object>> crs = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        for (int at = text.indexOf(GET); at >= 0; at = text.indexOf(GET, at + GET.length())) {
            int start = at + GET.length();
            int end = text.indexOf("\n\n", start);
            crs.add(yaml.readValue(text.substring(start, end < 0 ? text.length() : end), Map.class));
        }
        return crs;
    }

    /** The last CR printed in the section whose title contains {@code title}. */
    Map<String, Object> crAfter(String title) {
        List<Map<String, Object>> crs = crsIn(title);
        return crs.get(crs.size() - 1);
    }

    Map<String, Object> lastCr() {
        List<Map<String, Object>> all = crs();
        return all.get(all.size() - 1);
    }

    /** {@code type/status/reason/message} of each condition, in order. */
    @SuppressWarnings("unchecked")
    static List<String> conditions(Map<String, Object> cr) {
        Map<String, Object> status = (Map<String, Object>) cr.get("status");
        List<Map<String, Object>> cs = (List<Map<String, Object>>) status.get("conditions");
        return cs.stream().map(c -> c.get("type") + "/" + c.get("status") + "/" + c.get("reason") + "/"
                + c.get("message")).collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    static Object status(Map<String, Object> cr, String field) {
        return ((Map<String, Object>) cr.get("status")).get(field);
    }
}
