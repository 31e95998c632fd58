package dev.ibu.adapters.host.ostree;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.process.HostCommandException;
import dev.ibu.adapters.host.process.ProcessResult;
import dev.ibu.adapters.host.process.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ostree command line, with {@code --sysroot} when the layout names one. Arguments go as argv
 * (no {@code bash -c}), so kernel arguments need no JSON quoting to survive.
 */
public final class OstreeCli {

    /** Stateroot names reach paths and argv: keep them to what ostree itself accepts in practice. */
    public static final Pattern OSNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String SHIM = "ostree-set-default.py";

    private final ProcessRunner runner;
    private final HostLayout layout;
    private volatile Boolean nativeSetDefault;

    public OstreeCli(ProcessRunner runner, HostLayout layout) {
        this.runner = runner;
        this.layout = layout;
    }

    public static String requireOsname(String osname) {
        if (osname == null || !OSNAME.matcher(osname).matches()) {
            throw new IllegalArgumentException("invalid stateroot name \"" + osname
                + "\": use letters, digits, '.', '_' and '-' only (e.g. rhcos_4.16.0)");
        }
        return osname;
    }

    public List<OstreeDeployment> status() {
        return OstreeStatusParser.parse(admin("status").stdout());
    }

    /**
     * Imports into the sysroot's repo the given refs or commits of {@code srcRepo} (a command path), or every
     * ref when none is given (upstream's form). A commit named by checksum is pulled without creating a ref,
     * so it stays pinned only by its deployment and is pruned once that is undeployed.
     */
    public void pullLocal(String srcRepo, String... refsOrCommits) {
        List<String> tail = new ArrayList<>(List.of(srcRepo));
        tail.addAll(List.of(refsOrCommits));
        runner.runOk(with(List.of("ostree", "pull-local"), repoArg(), tail));
    }

    public void osInit(String osname) {
        admin("os-init", requireOsname(osname));
    }

    /**
     * Deploys {@code commit} into {@code osname} without pruning (the seed's commit may share content with the
     * running base). Replacing kargs are applied before appended ones by ostree, whatever the order.
     */
    public void deploy(String osname, String commit, List<String> kargs, List<String> kargsAppend, boolean notAsDefault) {
        List<String> args = new ArrayList<>(List.of("deploy", "--os=" + requireOsname(osname), "--no-prune"));
        kargs.forEach(k -> args.add("--karg=" + k));
        kargsAppend.forEach(k -> args.add("--karg-append=" + k));
        if (notAsDefault) {
            args.add("--not-as-default");
        }
        args.add(commit);
        admin(args.toArray(String[]::new));
    }

    /** One line of {@code ostree admin config-diff}: M(odified), A(dded) or D(eleted), and the path below /etc. */
    public record EtcChange(char kind, String path) {
    }

    /** The stateroot's local /etc changes against its commit's usr/etc (seed side, host-and-image.md §1.2). */
    public List<EtcChange> configDiff(String osname) {
        List<EtcChange> out = new ArrayList<>();
        for (String line : admin("config-diff", "--os=" + requireOsname(osname)).stdout().split("\n")) {
            String t = line.strip();
            if (t.length() > 2 && "MAD".indexOf(t.charAt(0)) >= 0 && Character.isWhitespace(t.charAt(1))) {
                out.add(new EtcChange(t.charAt(0), t.substring(1).strip()));
            }
        }
        return List.copyOf(out);
    }

    public void undeploy(int index) {
        admin("undeploy", Integer.toString(index));
    }

    public void cleanup() {
        admin("cleanup");
    }

    public List<String> refs() {
        String out = runner.runOk(with(List.of("ostree", "refs"), repoArg(), List.of())).stdout();
        return out.lines().filter(l -> !l.isBlank()).map(String::strip).toList();
    }

    public void deleteRef(String ref) {
        runner.runOk(with(List.of("ostree", "refs"), repoArg(), List.of("--delete", ref)));
    }

    /** Whether this ostree has {@code admin set-default} (2023.x and later); asked once by trying it. */
    public boolean supportsSetDefault() {
        if (nativeSetDefault == null) {
            ProcessResult r = runner.run(List.of("ostree", "admin", "set-default", "--help"));
            nativeSetDefault = r.succeeded() && (r.stdout() + r.stderr()).contains("set-default");
        }
        return nativeSetDefault;
    }

    /**
     * Moves deployment {@code index} to position 0 (default for the next boot), keeping the others in
     * order. Uses the native command where it exists, else the same libostree calls through python GI.
     */
    public void setDefault(int index, Path scratch) {
        if (index == 0) {
            return;
        }
        if (supportsSetDefault()) {
            admin("set-default", Integer.toString(index));
            return;
        }
        Path shim = writeShim(scratch);
        runner.runOk("/usr/bin/python3", layout.commandPath(shim), layout.sysrootArg().orElse("/"), Integer.toString(index));
    }

    private static Path writeShim(Path scratch) {
        try (InputStream in = OstreeCli.class.getResourceAsStream(SHIM)) {
            Files.createDirectories(scratch);
            Path shim = scratch.resolve(SHIM);
            Files.write(shim, in.readAllBytes());
            return shim;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the set-default shim into " + scratch, e);
        }
    }

    private ProcessResult admin(String... args) {
        List<String> argv = new ArrayList<>(List.of("ostree", "admin"));
        argv.add(args[0]);
        layout.sysrootArg().ifPresent(s -> argv.add("--sysroot=" + s));
        argv.addAll(List.of(args).subList(1, args.length));
        return runner.run(argv).orThrow();
    }

    private List<String> repoArg() {
        return layout.sysrootArg().map(s -> List.of("--repo=" + s + "/ostree/repo")).orElse(List.of());
    }

    private static List<String> with(List<String> head, List<String> middle, List<String> tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(middle);
        out.addAll(tail);
        return out;
    }

    /** The stderr of a failed ostree command, for messages; empty when the failure was not a command's. */
    public static Optional<String> stderrOf(RuntimeException e) {
        return e instanceof HostCommandException h ? Optional.of(h.stderr().strip()) : Optional.empty();
    }
}
