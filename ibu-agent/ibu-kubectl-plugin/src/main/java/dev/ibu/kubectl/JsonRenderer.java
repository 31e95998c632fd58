package dev.ibu.kubectl;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** {@code -o json}: the same facts for scripts, durations in whole seconds, times in RFC 3339 UTC. */
final class JsonRenderer {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonRenderer() {
    }

    static String render(StatusView v) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(v)) + "\n";
    }

    /** One object per line, for {@code -w -o json}. */
    static String renderLine(StatusView v) {
        return JSON.writeValueAsString(tree(v)) + "\n";
    }

    private static Map<String, Object> tree(StatusView v) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", v.name());
        root.put("stage", v.specStage());
        root.put("seedImage", v.seedImage());
        root.put("seedVersion", v.seedVersion());
        root.put("now", v.now().toString());
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (TimelineRow r : v.timeline()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("kind", r.depth() == 0 ? "stage" : r.name().equals(TimelineRow.REBOOT) ? "reboot" : "phase");
            row.put("startTime", time(r.start()));
            row.put("completionTime", time(r.end()));
            row.put("running", r.running());
            row.put("durationSeconds", seconds(r.duration(v.now())));
            timeline.add(row);
        }
        root.put("timeline", timeline);
        root.put("rebootSeconds", seconds(v.rebootTime()));
        root.put("condition", v.condition().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", c.type());
            m.put("status", c.status().wireName());
            m.put("reason", c.reason());
            m.put("message", c.message());
            m.put("lastTransitionTime", c.lastTransitionTime().toString());
            return m;
        }).getOrNull());
        root.put("precache", v.precache().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total", p.total());
            m.put("pulled", p.pulled());
            m.put("failed", p.failed());
            m.put("percent", p.percent());
            return m;
        }).getOrNull());
        root.put("dataProtection", v.dataProtection().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("operation", d.operation());
            m.put("state", d.state());
            m.put("wave", d.wave().getOrNull());
            m.put("failed", d.failed().asJava());
            return m;
        }).getOrNull());
        root.put("rollbackAvailabilityExpiration", time(v.rollbackExpiration()));
        root.put("rollbackSecondsLeft", seconds(v.rollbackLeft()));
        root.put("validNextStages", v.validNextStages().asJava());
        return root;
    }

    private static String time(Option<Instant> t) {
        return t.map(Instant::toString).getOrNull();
    }

    private static Long seconds(Option<Duration> d) {
        return d.map(Duration::getSeconds).getOrNull();
    }
}
