package dev.ibu.ports.testkit;

import dev.ibu.ports.out.ConfigMapData;
import dev.ibu.ports.out.PortFailure;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.Tuple3;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML-lite reader for ConfigMap values, enough for the in-memory ports: documents split on {@code ---} lines,
 * block mappings indented with spaces, scalar values with or without quotes. It reads {@code apiVersion},
 * {@code kind}, {@code metadata.name}, {@code metadata.namespace}, the apply-wave annotation and
 * {@code spec.backupName}; sequences and flow style are skipped, JSON is not understood. Real adapters parse YAML
 * properly; this only has to read what tests write.
 */
public final class Manifests {
    /** The wave of an object without the annotation (upstream: MaxInt32, so it sorts last). */
    public static final long NO_WAVE = Integer.MAX_VALUE;

    private static final Pattern ENTRY = Pattern.compile("^( *)([^\\s#:-][^:]*?|\"[^\"]*\"|'[^']*'):(?:\\s+(.*))?$");

    private Manifests() {
    }

    /** Every document of every key of every ConfigMap, in ConfigMap order then key order. */
    public static List<ManifestDoc> parse(List<ConfigMapData> configMaps) {
        return configMaps.flatMap(cm -> List.ofAll(new java.util.TreeMap<>(cm.data()).entrySet())
                .flatMap(e -> parse(cm.ref() + " key " + e.getKey(), e.getKey(), e.getValue())));
    }

    public static List<ManifestDoc> parse(String source, String key, String text) {
        // the same ConfigMaps are read on every pass of every run: parse each text once (the result is immutable)
        List<ManifestDoc> known = PARSED.get(new Tuple3<>(source, key, text));
        if (known != null) {
            return known;
        }
        if (PARSED.size() > 1024) {
            PARSED.clear();
        }
        List<ManifestDoc> docs = parseText(source, key, text);
        PARSED.put(new Tuple3<>(source, key, text), docs);
        return docs;
    }

    private static final java.util.Map<Tuple3<String, String, String>, List<ManifestDoc>> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static List<ManifestDoc> parseText(String source, String key, String text) {
        List<ManifestDoc> docs = List.empty();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.strip().equals("---")) {
                docs = addDoc(docs, source, key, current.toString());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        return addDoc(docs, source, key, current.toString());
    }

    private static List<ManifestDoc> addDoc(List<ManifestDoc> docs, String source, String key, String text) {
        boolean empty = text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
        return empty ? docs : docs.append(read(source, key, text));
    }

    private static ManifestDoc read(String source, String key, String text) {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        Deque<Tuple2<Integer, String>> path = new ArrayDeque<>();
        for (String line : text.split("\n")) {
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            while (!path.isEmpty() && path.peekLast()._1 >= indent) {
                path.removeLast();
            }
            path.addLast(Tuple.of(indent, unquote(m.group(2))));
            String value = m.group(3) == null ? "" : m.group(3).strip();
            if (!value.isEmpty()) {
                fields.putIfAbsent(List.ofAll(path).map(Tuple2::_2).mkString("."), unquote(value));
            }
        }
        return new ManifestDoc(source, key, Option.of(fields.get("apiVersion")), Option.of(fields.get("kind")),
                fields.getOrDefault("metadata.name", ""), fields.getOrDefault("metadata.namespace", ""),
                Option.of(fields.get("metadata.annotations." + ManifestDoc.APPLY_WAVE)),
                Option.of(fields.get("spec.backupName")), text);
    }

    private static String unquote(String s) {
        String t = s.strip();
        int comment = t.startsWith("\"") || t.startsWith("'") ? -1 : t.indexOf(" #");
        if (comment >= 0) {
            t = t.substring(0, comment).strip();
        }
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /**
     * Upstream's SortAndGroupByApplyWave: stable sort by (wave, name), a new group whenever the wave changes; an
     * absent or empty wave is {@link #NO_WAVE}; an unparsable wave is Invalid.
     */
    public static Either<PortFailure, List<List<ManifestDoc>>> groupByApplyWave(List<ManifestDoc> docs) {
        for (ManifestDoc d : docs) {
            Either<PortFailure, Long> w = wave(d);
            if (w.isLeft()) {
                return Either.left(w.getLeft());
            }
        }
        List<ManifestDoc> sorted = docs.sortBy(d -> Tuple.of(wave(d).get(), d.name()));
        List<List<ManifestDoc>> groups = List.empty();
        long previous = 0;
        for (ManifestDoc d : sorted) {
            long w = wave(d).get();
            if (groups.isEmpty() || w != previous) {
                groups = groups.append(List.of(d));
            } else {
                groups = groups.init().append(groups.last().append(d));
            }
            previous = w;
        }
        return Either.right(groups);
    }

    private static Either<PortFailure, Long> wave(ManifestDoc d) {
        String w = d.applyWave().getOrElse("");
        if (w.isEmpty()) {
            return Either.right(NO_WAVE);
        }
        try {
            return Either.right(Long.parseLong(w));
        } catch (NumberFormatException e) {
            return Either.left(PortFailure.invalid("error convert: strconv.Atoi: parsing \"" + w
                    + "\": invalid syntax (annotation " + ManifestDoc.APPLY_WAVE + " of " + d.label() + " in "
                    + d.source() + "; use an integer)"));
        }
    }
}
