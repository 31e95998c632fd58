package dev.ibu.adapters.host.process;

import java.util.List;

/**
 * A host command failed, timed out or could not start. The message carries the argv and the
 * captured output, so whoever reads it sees what ran and what it said. Argv never carries secrets:
 * credentials go through files (auth files, 0600), never the command line.
 */
public final class HostCommandException extends RuntimeException {

    private static final int MAX_STREAM_CHARS = 4000;
    private final transient ProcessResult result;

    public HostCommandException(ProcessResult result, String what) {
        super(describe(result.argv(), what, result.stdout(), result.stderr()));
        this.result = result;
    }

    public HostCommandException(List<String> argv, String what, Throwable cause) {
        super(describe(argv, what, "", ""), cause);
        this.result = null;
    }

    /** The finished process, or null when it never started. */
    public ProcessResult result() {
        return result;
    }

    /** stderr of the process (empty when it never started); what tools print their reason on. */
    public String stderr() {
        return result == null ? "" : result.stderr();
    }

    private static String describe(List<String> argv, String what, String stdout, String stderr) {
        StringBuilder sb = new StringBuilder("command `").append(String.join(" ", argv)).append("` ").append(what);
        if (!stderr.isBlank()) {
            sb.append("; stderr: ").append(tail(stderr.strip()));
        }
        if (!stdout.isBlank()) {
            sb.append("; stdout: ").append(tail(stdout.strip()));
        }
        return sb.toString();
    }

    private static String tail(String s) {
        return s.length() <= MAX_STREAM_CHARS ? s : "..." + s.substring(s.length() - MAX_STREAM_CHARS);
    }
}
