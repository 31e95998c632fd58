package dev.ibu.kubectl;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kubectl-ibu}: kubectl runs it as {@code kubectl ibu ...} when it is on the PATH. */
@Command(name = "kubectl ibu", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "The image-based upgrade (ImageBasedUpgrade \"upgrade\", lca.openshift.io/v1) at a glance.",
        subcommands = {StatusCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        boolean tty = System.console() != null;
        System.exit(run(args, out, err, new Environment(System.getenv(), Clock.systemUTC(), tty)));
    }

    /** Runs one command line; returns the exit code (0 ok, 1 error, 2 usage). */
    static int run(String[] args, PrintWriter out, PrintWriter err, Environment env) {
        CommandLine cl = new CommandLine(new Main(), new Factory(env));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof PluginError) {
                err.println("error: " + e.getMessage());
                err.flush();
                return 1;
            }
            throw e;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What the process gets from outside: environment variables, the clock, whether stdout is a terminal. */
    record Environment(Map<String, String> variables, Clock clock, boolean tty) {
    }

    private record Factory(Environment env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == StatusCommand.class) {
                return cls.cast(new StatusCommand(env));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"kubectl-ibu " + (v == null ? "(development build)" : v)};
        }
    }
}
