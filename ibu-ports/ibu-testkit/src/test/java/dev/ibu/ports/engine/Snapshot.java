package dev.ibu.ports.engine;

import dev.ibu.domain.Condition;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;

import java.util.List;
import java.util.stream.Collectors;

/** The parts of {@code oc get ibu -o yaml} the seed document shows, as comparable text. */
final class Snapshot {
    private Snapshot() {
    }

    /** One line per condition, in order: type status reason "message" og=N. */
    static List<String> conditions(ImageBasedUpgrade ibu) {
        return ibu.status().conditions().items().map(Snapshot::line).toJavaList();
    }

    static String line(Condition c) {
        return c.type() + " " + c.status().wireName() + " " + c.reason() + " \"" + c.message() + "\"";
    }

    static List<String> validNextStages(ImageBasedUpgrade ibu) {
        return ibu.status().validNextStages().map(Stage::wireName).toJavaList();
    }

    static String last(ImageBasedUpgrade ibu) {
        return ibu.status().conditions().last().map(Snapshot::line).getOrElse("");
    }

    static String all(ImageBasedUpgrade ibu) {
        return conditions(ibu).stream().collect(Collectors.joining("\n"));
    }
}
