package dev.ibu.agent.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The image's JVM options (ibu-agent/image/jvm-options) and the memory ceiling they set. */
record JvmOptions(List<String> options) {
    static final Path FILE = Path.of("image/jvm-options");
    /** The JVM's own native memory beyond the capped areas: GC structures, symbols, ~40 threads' stacks, libraries. */
    static final long JVM_OVERHEAD = 100L << 20;

    static JvmOptions read() throws IOException {
        return new JvmOptions(Files.readAllLines(FILE).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    }

    Optional<Long> bytes(String prefix) {
        return options.stream().filter(o -> o.startsWith(prefix)).findFirst()
                .map(o -> parseSize(o.substring(prefix.length())));
    }

    /** Heap + metaspace + code cache + direct buffers + {@link #JVM_OVERHEAD}: each capped, so all must be set. */
    long ceiling() {
        return require("-Xmx") + require("-XX:MaxMetaspaceSize=") + require("-XX:ReservedCodeCacheSize=")
                + require("-XX:MaxDirectMemorySize=") + JVM_OVERHEAD;
    }

    private long require(String prefix) {
        return bytes(prefix).orElseThrow(() -> new AssertionError(FILE + " sets no " + prefix
                + ": without it the JVM's memory is not bounded and no pod limit can be checked against it"));
    }

    static long parseSize(String s) {
        char unit = Character.toLowerCase(s.charAt(s.length() - 1));
        long n = Character.isDigit(unit) ? Long.parseLong(s) : Long.parseLong(s.substring(0, s.length() - 1));
        return switch (unit) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> n;
        };
    }
}
