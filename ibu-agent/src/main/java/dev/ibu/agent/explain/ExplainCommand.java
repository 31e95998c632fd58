package dev.ibu.agent.explain;

import dev.ibu.codec.IbuCodec;
import dev.ibu.domain.Condition;
import dev.ibu.domain.Stage;
import dev.ibu.ports.out.ClockPort;
import io.vavr.collection.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code explain}: one reconcile's decision step on an IBU as {@code oc get ibu -o yaml} prints it, no side effects. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Show what the agent would decide for an ImageBasedUpgrade: validNextStages, whether spec.stage "
                + "is a requested transition, whether it is allowed, the resulting conditions and the handler that "
                + "would run. Reads YAML or JSON (several documents separated by ---, or a List). No side effects."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:explained every document", "2:bad input (unreadable file, not YAML/JSON, wrong kind, "
                + "unknown stage); the message names the document and the field"})
public final class ExplainCommand implements Callable<Integer> {
    enum Output { json, text }

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "ImageBasedUpgrade YAML or JSON, e.g. from `oc get ibu upgrade -o yaml`; - for stdin")
    Path file;

    @Option(names = "--after-pivot", description = "Evaluate as if the node booted the new stateroot (isAfterPivot)")
    boolean afterPivot;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json (one object per document, one per line)")
    Output output;

    private final PrintWriter out;
    private final PrintWriter err;

    public ExplainCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            String text = read();
            Instant now = ClockPort.system().now();
            List<Explanation> all = IbuCodec.readDocuments(text).getOrElseThrow(e -> new InputError(e.message()))
                    .map(d -> Explanation.of(d.label(), d.ibu(), afterPivot, now));
            all.forEach(e -> out.println(output == Output.json ? toJson(e) : toText(e)));
            out.flush();
            return 0;
        } catch (InputError e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private String read() {
        try {
            if ("-".equals(file.toString())) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputError("--file " + file + ": no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputError("--file " + file + ": cannot read it as UTF-8 text (" + e.getMessage() + ")");
        }
    }

    static String toJson(Explanation e) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode o = mapper.createObjectNode();
        o.set("validNextStagesBefore", stages(mapper, e.validNextStagesBefore()));
        o.put("transitionRequested", e.transitionRequested());
        if (e.transitionAllowed().isDefined()) {
            o.put("transitionAllowed", e.transitionAllowed().get());
        } else {
            o.putNull("transitionAllowed");
        }
        o.put("handlerToRun", e.handlerToRun().map(Stage::wireName).getOrElse(""));
        ArrayNode conditions = mapper.createArrayNode();
        for (Condition c : e.conditionsAfterTransition()) {
            ObjectNode n = conditions.addObject();
            n.put("type", c.type());
            n.put("status", c.status().wireName());
            n.put("reason", c.reason());
            n.put("message", c.message());
        }
        o.set("conditionsAfterTransition", conditions);
        o.set("validNextStagesAfterTransition", stages(mapper, e.validNextStagesAfterTransition()));
        o.put("plan", e.plan());
        return mapper.writeValueAsString(o);
    }

    private static ArrayNode stages(JsonMapper mapper, List<Stage> stages) {
        ArrayNode a = mapper.createArrayNode();
        stages.forEach(s -> a.add(s.wireName()));
        return a;
    }

    static String toText(Explanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.label()).append(":\n");
        sb.append("  validNextStages (before): ").append(Explanation.names(e.validNextStagesBefore())).append('\n');
        sb.append("  transition requested:     ").append(e.transitionRequested() ? "yes" : "no").append('\n');
        sb.append("  transition allowed:       ").append(e.transitionAllowed().map(b -> b ? "yes" : "no")
                .getOrElse("-")).append('\n');
        sb.append("  handler to run:           ").append(e.handlerToRun().map(Stage::wireName).getOrElse("none"))
                .append('\n');
        sb.append("  conditions after:\n");
        for (Condition c : e.conditionsAfterTransition()) {
            sb.append("    - ").append(c.type()).append(' ').append(c.status().wireName()).append(' ')
                    .append(c.reason()).append(": ").append(c.message().replace("\n", "\n      ")).append('\n');
        }
        sb.append("  validNextStages (after):  ").append(Explanation.names(e.validNextStagesAfterTransition()))
                .append('\n');
        sb.append("  plan: ").append(e.plan()).append('\n');
        return sb.toString();
    }
}
