package dev.ibu.adapters.host.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A new stateroot's var as {@code ostree admin os-init} makes it, and a tree described line by line for exact asserts. */
public final class StaterootVarTree {

    private StaterootVarTree() {
    }

    /** What os-init leaves in a new stateroot's var, as {@link #describe} shows it. */
    public static final List<String> SKELETON = List.of("var/ d0755", "var/lib/ d0755", "var/lock -> ../run/lock",
        "var/log/ d0755", "var/run -> ../run", "var/tmp/ d1777");

    /** Makes the stateroot directory's var as {@code ostree admin os-init} does. */
    public static void osInitSkeleton(Path staterootDir) throws IOException {
        Path var = staterootDir.resolve("var");
        Files.createDirectories(var.resolve("lib"));
        Files.createDirectories(var.resolve("log"));
        Files.createDirectories(var.resolve("tmp"));
        Files.setPosixFilePermissions(var, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String d : List.of("lib", "log")) {
            Files.setPosixFilePermissions(var.resolve(d), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setAttribute(var.resolve("tmp"), "unix:mode", 01777);
        Files.createSymbolicLink(var.resolve("run"), Path.of("../run"));
        Files.createSymbolicLink(var.resolve("lock"), Path.of("../run/lock"));
    }

    /**
     * The tree below {@code staterootDir/var}, one line per path in name order, without following links:
     * {@code "var/d/ d0755"}, {@code "var/f f0644 n1 'content'"} (n = hard links), {@code "var/l -> target"}.
     */
    public static List<String> describe(Path staterootDir) {
        Path var = staterootDir.resolve("var");
        if (!Files.exists(var, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(var)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.sorted().toList()) {
                String rel = staterootDir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.add(rel + " -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(rel + "/ d" + mode(p));
                } else {
                    long size = Files.size(p);
                    String content = size <= 48 ? "'" + Files.readString(p).replace("\n", "\\n") + "'" : "<" + size + " bytes>";
                    out.add(rel + " f" + mode(p) + " n" + Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS)
                        + " " + content);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mode(Path p) throws IOException {
        int m = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        return String.format("%04o", m);
    }

    /** The skeleton plus {@code lines}, in the order {@link #describe} gives. */
    static List<String> tree(String... lines) {
        TreeSet<String> all = new TreeSet<>((a, b) -> key(a).compareTo(key(b)));
        all.addAll(SKELETON);
        Collections.addAll(all, lines);
        return List.copyOf(all);
    }

    /** Sort key: the path part of a line, as Path ordering sorts it (component by component). */
    private static String key(String line) {
        int cut = line.indexOf(" ");
        String path = cut < 0 ? line : line.substring(0, cut);
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

}
