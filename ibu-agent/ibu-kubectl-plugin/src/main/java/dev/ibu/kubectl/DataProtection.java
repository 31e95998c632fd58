package dev.ibu.kubectl;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Upgrade condition's message says about the OADP backup (before the pivot) or restore (after it): the
 * step, the wave when the message names one ({@code wave 2} or {@code wave 2/3}), and the failed CRs
 * ({@code Failed backup CRs: a,b}). Nothing when the message is about something else.
 */
record DataProtection(String operation, String state, Option<String> wave, List<String> failed) {
    private static final Pattern WAVE = Pattern.compile("\\bwave (\\d+(?:/\\d+)?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FAILED = Pattern.compile("Failed (backup|restore) CRs: (.*)");

    static Option<DataProtection> parse(String message) {
        Option<String> wave = wave(message);
        Matcher failed = FAILED.matcher(message);
        if (failed.find()) {
            String op = failed.group(1).equals("backup") ? "Backup" : "Restore";
            List<String> names = List.of(failed.group(2).split(","))
                    .map(String::trim).filter(n -> !n.isEmpty());
            return Option.some(new DataProtection(op, "failed", wave, names));
        }
        if (message.startsWith("Restoring Application Data: Failure occurred")) {
            return Option.some(new DataProtection("Restore", "retrying after a failure", wave, List.empty()));
        }
        if (message.startsWith("Backing up Application Data")) {
            return Option.some(new DataProtection("Backup", "starting", wave, List.empty()));
        }
        if (message.startsWith("Backup of Application Data is in progress")) {
            return Option.some(new DataProtection("Backup", "in progress", wave, List.empty()));
        }
        if (message.startsWith("Restoring Application Data")) {
            return Option.some(new DataProtection("Restore", "starting", wave, List.empty()));
        }
        if (message.startsWith("Restore of Application Data is in progress")) {
            return Option.some(new DataProtection("Restore", "in progress", wave, List.empty()));
        }
        return Option.none();
    }

    private static Option<String> wave(String message) {
        Matcher m = WAVE.matcher(message);
        return m.find() ? Option.some(m.group(1)) : Option.none();
    }
}
