package dev.ibu.agent.ops;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from what {@code diagnose} collects, conservatively: the {@code data} and {@code stringData} values
 * of Secrets; every scalar under a key that names a credential (password, token, aws..., .dockerconfigjson, auths);
 * manifests embedded in strings (ConfigMap data, last-applied annotations), which are parsed and redacted the same
 * way; and {@code key=value} / {@code key: value} pairs with such keys in free text such as logs.
 */
public final class Redactor {
    public static final String REDACTED = "REDACTED";
    private static final String KEY_WORDS = "password|passwd|passphrase|token|secret[_-]?key|secret|access[_-]?key"
            + "|aws[a-z_-]*|credentials?|creds|dockerconfigjson|dockercfg|auths?|bearer|private[_-]?key|pull[_-]?secret"
            + "|api[_-]?key";
    /** A map key whose scalar value is a secret. */
    private static final Pattern SENSITIVE_KEY = Pattern.compile("(?i)^\\.?.*(" + KEY_WORDS + ").*$");
    /** A value in free text: a quoted string, or a run up to a blank, quote, comma or brace (after an unclosed quote too). */
    private static final String VALUE = "(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[\"']?[^\\s\"',}]+)";
    /** {@code key: value}, {@code key=value}, {@code "key":"value"}, {@code ?password=...} in free text. */
    private static final Pattern TEXT_PAIR = Pattern.compile("(?i)([\\w.\\-]*(?:" + KEY_WORDS
            + ")[\\w.\\-]*[\"']?\\s*[:=]\\s*)(?![{\\[])(?!(?:basic|bearer|digest|negotiate)\\s)(?!\"?" + REDACTED + ")" + VALUE);
    /** {@code --creds user:pass}, {@code --src-creds ...}, {@code --password ...}: a flag and its separate value. */
    private static final Pattern FLAG_VALUE = Pattern.compile("(?i)(--?[\\w-]*(?:creds|password|passwd|token|secret"
            + "|api[_-]?key)(?<!file|stdin|dir|path)\\s+)(?!-)" + VALUE);
    /** {@code scheme://user:password@host}: the password. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^\\s/?#@:]*:)[^\\s@]+(?=@)");
    /** {@code Authorization: Basic ...}, {@code authorization="Bearer ..."}: the credentials after the scheme. */
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(authorization[\"']?\\s*[:=]\\s*[\"']?"
            + "(?:(?:basic|bearer|digest|negotiate|token)\\s+)?)[^\\s\"',}]+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',}]+");
    private static final ObjectMapper YAML = Yaml.MAPPER;

    private Redactor() {
    }

    /** A Kubernetes object as a map (kind, metadata, ...): returns a redacted copy. */
    public static Map<String, Object> resource(Map<String, Object> obj) {
        Map<String, Object> copy = map(obj);
        if ("Secret".equals(copy.get("kind"))) {
            for (String field : List.of("data", "stringData")) {
                if (copy.get(field) instanceof Map<?, ?> m) {
                    Map<String, Object> masked = new LinkedHashMap<>();
                    m.keySet().forEach(k -> masked.put(String.valueOf(k), REDACTED));
                    copy.put(field, masked);
                }
            }
        }
        return copy;
    }

    /**
     * Free text (a log line, command output): masks URL passwords, Authorization headers, bearer tokens,
     * {@code --creds}-style flag values and credential pairs (quoted values whole).
     */
    public static String text(String s) {
        String out = URL_PASSWORD.matcher(s).replaceAll("$1" + REDACTED);
        out = AUTHORIZATION.matcher(out).replaceAll("$1" + REDACTED);
        out = BEARER.matcher(out).replaceAll("$1" + REDACTED);
        out = FLAG_VALUE.matcher(out).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + masked(r.group(2))));
        return TEXT_PAIR.matcher(out).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + masked(r.group(2))));
    }

    /** REDACTED, inside the value's own quotes if it had them. */
    private static String masked(String value) {
        char q = value.charAt(0);
        return (q == '"' || q == '\'') && value.length() > 1 ? q + REDACTED + q : REDACTED;
    }

    private static Map<String, Object> map(Map<?, ?> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : in.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                out.put(key, value(v));
            } else if (v != null && (SENSITIVE_KEY.matcher(key).matches() || namedSecret(in, key))) {
                // a manifest kept under such a key (e.g. ConfigMap data "secret.yaml") is redacted field by field
                out.put(key, v instanceof String s && isManifest(s) ? string(s) : REDACTED);
            } else {
                out.put(key, value(v));
            }
        }
        return out;
    }

    /** {@code {name: AWS_SECRET_ACCESS_KEY, value: ...}} (env vars, parameters): the value of a secret name. */
    private static boolean namedSecret(Map<?, ?> in, String key) {
        return "value".equals(key) && in.get("name") instanceof String n && SENSITIVE_KEY.matcher(n).matches();
    }

    private static Object value(Object v) {
        if (v instanceof Map<?, ?> m) {
            return "Secret".equals(m.get("kind")) ? resource(map(m)) : map(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(value(x)));
            return out;
        }
        if (v instanceof String s) {
            return string(s);
        }
        return v;
    }

    /** YAML documents of Kubernetes objects (each a map with a kind). */
    private static boolean isManifest(String s) {
        if (!s.contains("kind")) {
            return false;
        }
        try {
            List<Object> docs = new ArrayList<>();
            YAML.readValues(YAML.createParser(s), Object.class).forEachRemaining(docs::add);
            return !docs.isEmpty() && docs.stream().allMatch(d -> d == null || d instanceof Map<?, ?> m
                    && m.containsKey("kind"));
        } catch (JacksonException | IllegalArgumentException notYaml) {
            return false;
        }
    }

    /** A string that holds YAML or JSON documents (an embedded manifest) is redacted as documents; else as text. */
    private static String string(String s) {
        if (s.indexOf(':') < 0) {
            return s;
        }
        if (s.contains("\n") || s.startsWith("{") || s.startsWith("[")) {
            try {
                List<Object> docs = new ArrayList<>();
                YAML.readValues(YAML.createParser(s), Object.class).forEachRemaining(docs::add);
                if (docs.stream().anyMatch(d -> d instanceof Map<?, ?> || d instanceof List<?>)) {
                    StringBuilder sb = new StringBuilder();
                    for (Object d : docs) {
                        sb.append(YAML.writeValueAsString(value(d)));
                    }
                    return sb.toString();
                }
            } catch (JacksonException | IllegalArgumentException notYaml) {
                // plain text after all
            }
        }
        return text(s);
    }
}
