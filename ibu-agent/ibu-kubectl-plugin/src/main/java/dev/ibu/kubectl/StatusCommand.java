package dev.ibu.kubectl;

import dev.ibu.codec.IbuCodec;
import dev.ibu.domain.ImageBasedUpgrade;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl ibu status [-w]}: the IBU's timeline and state, once or live. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows the stage and phase timeline of status.history with durations (and the reboot time), "
                + "the current condition, precache progress, backup/restore, the rollback window left and the valid "
                + "next stages.", "Reads the IBU through the kubeconfig, as kubectl does."})
final class StatusCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = {"-w", "--watch"}, description = "Follow the IBU live, redrawing on every change (Ctrl-C stops).")
    boolean watch;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config).")
    String kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: the current one).")
    String context;

    @Option(names = "--name", defaultValue = "upgrade", description = "IBU name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}; with -w: one JSON object per line).")
    String output;

    @Option(names = "--no-color", description = "No colours even on a terminal (NO_COLOR does the same).")
    boolean noColor;

    @Option(names = "--max-updates", hidden = true, defaultValue = "0",
            description = "With -w: stop after this many views (0: never; for tests and scripts).")
    int maxUpdates;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Main.Environment env;

    StatusCommand(Main.Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!output.equals("text") && !output.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "-o " + output + " is not a format: use -o text or -o json");
        }
        PrintWriter out = spec.commandLine().getOut();
        var config = Kubeconfigs.resolve(kubeconfig, context, env.variables());
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            IbuSource source = new IbuSource(client, name);
            ImageBasedUpgrade ibu = source.get();
            if (!watch) {
                out.print(view(ibu, false));
                out.flush();
                return 0;
            }
            follow(source, ibu, out);
            return 0;
        }
    }

    private void follow(IbuSource source, ImageBasedUpgrade first, PrintWriter out) throws InterruptedException {
        BlockingQueue<IbuSource.Event> events = new LinkedBlockingQueue<>();
        String shown = key(first);
        ImageBasedUpgrade current = first;
        draw(out, view(current, true));
        int views = 1;
        try (Watch ignored = source.watch(events::add)) {
            while (maxUpdates == 0 || views < maxUpdates) {
                IbuSource.Event e = events.poll(1, TimeUnit.SECONDS);
                if (e == null) {
                    if (redrawsLive() && current != null) {
                        draw(out, view(current, true)); // running durations and the rollback window move on
                    }
                    continue;
                }
                if (e.error().isDefined()) {
                    throw e.error().get();
                }
                if (e.ibu().isEmpty()) {
                    current = null;
                    shown = "";
                    draw(out, "ImageBasedUpgrade " + name + " was deleted; waiting for it to come back "
                            + "(Ctrl-C to stop)\n");
                    views++;
                    continue;
                }
                String k = key(e.ibu().get());
                if (!k.equals(shown)) {
                    shown = k;
                    current = e.ibu().get();
                    draw(out, view(current, true));
                    views++;
                }
            }
        }
    }

    /** Only a terminal is redrawn every second; a pipe gets one view per change. */
    private boolean redrawsLive() {
        return env.tty() && output.equals("text");
    }

    private void draw(PrintWriter out, String text) {
        if (redrawsLive()) {
            out.print("\u001b[H\u001b[2J");
        } else if (output.equals("text")) {
            out.println("--- " + now());
        }
        out.print(text);
        out.flush();
    }

    private String view(ImageBasedUpgrade ibu, boolean live) {
        StatusView v = StatusView.of(ibu, now());
        if (output.equals("json")) {
            return live ? JsonRenderer.renderLine(v) : JsonRenderer.render(v);
        }
        boolean colour = env.tty() && !noColor && !env.variables().containsKey("NO_COLOR");
        return TextRenderer.render(v, new Style(colour));
    }

    private Instant now() {
        return env.clock().instant();
    }

    /** What a change is: the object without its resourceVersion (a no-op write redraws nothing). */
    private static String key(ImageBasedUpgrade ibu) {
        return IbuCodec.toJson(ibu.withMetadata(ibu.metadata().withResourceVersion("")));
    }
}
