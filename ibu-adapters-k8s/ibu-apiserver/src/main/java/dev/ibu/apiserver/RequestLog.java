package dev.ibu.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;

/**
 * What one identity asked the server, as distinct sorted lines {@code verb group resource[/subresource] namespace
 * name decision} (tab-separated; "-" for an empty field; decision {@code allowed} or {@code denied}), for proving RBAC
 * rule by rule. Add it as an audit listener to any number of servers; {@link #writeTo} rewrites a file with everything
 * seen so far, so a test class that starts a server per test still leaves one deterministic file. Requests a test
 * makes on purpose to see them denied, or under a rule they granted themselves, are declared with {@link #ignore}.
 */
public final class RequestLog implements Consumer<AuditEvent> {
    private final Identity identity;
    private final Set<String> lines = new ConcurrentSkipListSet<>();
    private final java.util.List<java.util.function.Predicate<AuditEvent>> expectedDenials =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public RequestLog(Identity identity) {
        this.identity = identity;
    }

    @Override
    public void accept(AuditEvent e) {
        if (!e.identity().equals(identity)) {
            return;
        }
        if (expectedDenials.stream().anyMatch(p -> p.test(e))) {
            return;
        }
        lines.add(line(e.verb(), e.group(), e.resourceWithSubresource(), e.namespace(), e.name())
                + "\t" + (e.allowed() ? "allowed" : "denied"));
    }

    /**
     * Requests matching this are not deploy/base's business and are not recorded: made on purpose to see them
     * denied, or allowed by a rule the test granted itself (as an administrator adds one for a kind they ship).
     */
    public void ignore(java.util.function.Predicate<AuditEvent> request) {
        expectedDenials.add(request);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public void writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, new ArrayList<>(lines), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String line(String verb, String group, String resource, String namespace, String name) {
        return String.join("\t", verb, dash(group), resource, dash(namespace), dash(name));
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    /** One recorded request, parsed back (the decision column aside). */
    public record Request(String verb, String group, String resource, String subresource, String namespace, String name) {
        public static Request parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new IllegalArgumentException("not a request log line: " + line);
            }
            String[] rs = f[2].split("/", 2);
            return new Request(f[0], undash(f[1]), rs[0], rs.length > 1 ? rs[1] : "", undash(f[3]), undash(f[4]));
        }

        /** Whether the line says the server denied it. */
        public static boolean denied(String line) {
            return line.endsWith("\tdenied");
        }

        private static String undash(String s) {
            return s.equals("-") ? "" : s;
        }

        @Override
        public String toString() {
            return line(verb, group, subresource.isEmpty() ? resource : resource + "/" + subresource, namespace, name);
        }
    }
}
