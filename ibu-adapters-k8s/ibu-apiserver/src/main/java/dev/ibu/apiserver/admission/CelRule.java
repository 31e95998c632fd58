package dev.ibu.apiserver.admission;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.common.CelOptions;
import dev.cel.parser.CelStandardMacro;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One {@code x-kubernetes-validations} entry compiled with Google's CEL for Java: the rule, its message (or
 * messageExpression), reason and fieldPath. A rule that mentions {@code oldSelf} is a transition rule.
 */
final class CelRule {
    private static final CelOptions OPTIONS = CelOptions.current().build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.lists())
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.lists())
            .build();
    private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");
    private static final Pattern NO_SUCH_KEY = Pattern.compile("key '([^']*)' is not present in map");

    private final String rule;
    private final String message;
    private final String reason;
    private final String fieldPath;
    private final boolean optionalOldSelf;
    private final CelRuntime.Program program;
    private final Optional<CelRuntime.Program> messageExpression;

    private CelRule(JsonNode spec) throws CelValidationException, CelEvaluationException {
        this.rule = spec.path("rule").asString("");
        this.message = spec.path("message").asString("");
        this.reason = spec.path("reason").asString("FieldValueInvalid");
        this.fieldPath = spec.path("fieldPath").asString("");
        this.optionalOldSelf = spec.path("optionalOldSelf").asBoolean(false);
        this.program = RUNTIME.createProgram(compile(rule));
        String expression = spec.path("messageExpression").asString("");
        this.messageExpression = expression.isEmpty() ? Optional.empty() : Optional.of(RUNTIME.createProgram(compile(expression)));
    }

    private static CelAbstractSyntaxTree compile(String expression) throws CelValidationException {
        return COMPILER.compile(expression).getAst();
    }

    /** The compiled rule, or the compiler's complaint. */
    static CelRule compile(JsonNode spec) {
        try {
            return new CelRule(spec);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException("compilation failed: " + e.getMessage(), e);
        }
    }

    String rule() {
        return rule;
    }

    boolean isTransition() {
        return OLD_SELF.matcher(rule).find() && !optionalOldSelf;
    }

    String reason() {
        return reason;
    }

    String fieldPath() {
        return fieldPath;
    }

    /** The message shown when the rule is false: message, messageExpression's result, or "failed rule: {rule}". */
    String failureMessage(Map<String, Object> vars) {
        if (messageExpression.isPresent()) {
            try {
                Object m = messageExpression.get().eval(vars);
                if (m instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (CelEvaluationException e) {
                // fall back to the static message, as Kubernetes does
            }
        }
        return !message.isEmpty() ? message : "failed rule: " + rule;
    }

    /** What the rule names in an evaluation error: its message, else the rule itself. */
    String errorName() {
        return !message.isEmpty() ? message : rule;
    }

    /** True, false, or the evaluation error in cel-go's words. */
    Outcome evaluate(Object self, Object oldSelf) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("self", self);
        if (oldSelf != null) {
            vars.put("oldSelf", oldSelf);
        }
        try {
            Object result = program.eval(vars);
            if (Boolean.TRUE.equals(result)) {
                return new Outcome(true, null, vars);
            }
            return new Outcome(false, null, vars);
        } catch (CelEvaluationException e) {
            return new Outcome(false, celGoWords(e), vars);
        }
    }

    private static String celGoWords(CelEvaluationException e) {
        String text = String.valueOf(e.getMessage());
        Matcher m = NO_SUCH_KEY.matcher(text);
        if (m.find()) {
            return "no such key: " + m.group(1);
        }
        int colon = text.indexOf(": ");
        return text.startsWith("evaluation error") && colon > 0 ? text.substring(colon + 2) : text;
    }

    record Outcome(boolean passed, String error, Map<String, Object> vars) {
    }
}
