package dev.ibu.adapters.host.archive;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.support.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects xattrs during an unpack and applies them all with one {@code setfattr -h --restore} on the
 * host: the JDK cannot write {@code security.*} attributes, and SELinux labels of a seed's /etc, /var
 * and ostree objects must survive (upstream gets them from {@code tar --selinux --xattrs}).
 */
public final class SetfattrRestore implements XattrSink {

    private final ProcessRunner runner;
    private final HostLayout layout;
    private final Path scratch;
    private final Map<Path, Map<String, String>> pending = new LinkedHashMap<>();

    public SetfattrRestore(ProcessRunner runner, HostLayout layout, Path scratch) {
        this.runner = runner;
        this.layout = layout;
        this.scratch = scratch;
    }

    @Override
    public synchronized void add(Path file, String name, String value) {
        pending.computeIfAbsent(file, f -> new LinkedHashMap<>()).put(name, value);
    }

    public synchronized int pendingFiles() {
        return pending.size();
    }

    /** Applies everything collected so far (one process), then forgets it. */
    public synchronized void apply() {
        if (pending.isEmpty()) {
            return;
        }
        StringBuilder dump = new StringBuilder();
        pending.forEach((file, attrs) -> {
            dump.append("# file: ").append(escape(layout.commandPath(file))).append('\n');
            attrs.forEach((n, v) -> dump.append(escape(n)).append("=0s")
                .append(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))).append('\n'));
            dump.append('\n');
        });
        Path f = null;
        try {
            AtomicFiles.ensurePrivateDir(scratch);
            f = Files.createTempFile(scratch, "xattrs", ".dump");
            Files.writeString(f, dump, StandardCharsets.UTF_8);
            runner.runOk("setfattr", "-h", "--restore=" + layout.commandPath(f));
            pending.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the xattr dump into " + scratch, e);
        } finally {
            if (f != null) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // a leftover dump holds labels only, no secrets
                }
            }
        }
    }

    /** getfattr's dump escaping: backslash, and every byte outside printable ASCII, as \ooo. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '\\' || c == '=') {
                out.append('\\').append(String.format("%03o", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
