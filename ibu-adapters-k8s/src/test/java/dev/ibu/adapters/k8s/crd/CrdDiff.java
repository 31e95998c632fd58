package dev.ibu.adapters.k8s.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Field-by-field comparison of two CRDs on what the API server enforces: identity, scope, printer columns,
 * status subresource, and every schema node's type, enum, pattern, bounds, format, required and CEL rules.
 * Descriptions and enum order are deliberately not compared (see RECIPES-crd.md); printer columns are compared in
 * order, since {@code oc get} shows them in that order.
 */
final class CrdDiff {
    /** The generator does not emit these root properties; the API server serves them whatever the schema. */
    private static final Set<String> ROOT_IMPLICIT = Set.of("apiVersion", "kind", "metadata");

    private final List<String> differences = new ArrayList<>();

    private boolean descriptions;

    static List<String> between(CustomResourceDefinition expected, CustomResourceDefinition actual) {
        CrdDiff diff = new CrdDiff();
        diff.compareCrd(expected, actual);
        return List.copyOf(diff.differences);
    }

    /** Only the descriptions ({@code oc explain} text), whitespace-normalised. */
    static List<String> descriptionsBetween(CustomResourceDefinition expected, CustomResourceDefinition actual) {
        CrdDiff diff = new CrdDiff();
        diff.descriptions = true;
        diff.compareCrd(expected, actual);
        return diff.differences.stream().filter(d -> d.contains(".description:")).collect(Collectors.toList());
    }

    private void compareCrd(CustomResourceDefinition e, CustomResourceDefinition a) {
        same("metadata.name", e.getMetadata().getName(), a.getMetadata().getName());
        same("spec.group", e.getSpec().getGroup(), a.getSpec().getGroup());
        same("spec.scope", e.getSpec().getScope(), a.getSpec().getScope());
        same("spec.names.kind", e.getSpec().getNames().getKind(), a.getSpec().getNames().getKind());
        same("spec.names.plural", e.getSpec().getNames().getPlural(), a.getSpec().getNames().getPlural());
        same("spec.names.singular", e.getSpec().getNames().getSingular(), a.getSpec().getNames().getSingular());
        same("spec.names.shortNames", e.getSpec().getNames().getShortNames(), a.getSpec().getNames().getShortNames());
        Map<String, CustomResourceDefinitionVersion> ev = byName(e.getSpec().getVersions(), v -> v.getName());
        Map<String, CustomResourceDefinitionVersion> av = byName(a.getSpec().getVersions(), v -> v.getName());
        same("spec.versions[*].name", ev.keySet(), av.keySet());
        ev.forEach((name, v) -> {
            if (av.containsKey(name)) {
                compareVersion("spec.versions[" + name + "]", v, av.get(name));
            }
        });
    }

    private void compareVersion(String path, CustomResourceDefinitionVersion e, CustomResourceDefinitionVersion a) {
        same(path + ".served", e.getServed(), a.getServed());
        same(path + ".storage", e.getStorage(), a.getStorage());
        same(path + ".subresources.status present", hasStatus(e), hasStatus(a));
        same(path + ".subresources.scale present", hasScale(e), hasScale(a));
        same(path + ".additionalPrinterColumns", columns(e), columns(a));
        compareSchema(path + ".schema", e.getSchema().getOpenAPIV3Schema(), a.getSchema().getOpenAPIV3Schema(), true);
    }

    private void compareSchema(String path, JSONSchemaProps e, JSONSchemaProps a, boolean root) {
        if (e == null || a == null) {
            same(path + " present", e != null, a != null);
            return;
        }
        if (descriptions) {
            same(path + ".description", normalise(e.getDescription()), normalise(a.getDescription()));
        }
        same(path + ".type", e.getType(), a.getType());
        same(path + ".enum", strings(e.getEnum()), strings(a.getEnum()));
        same(path + ".pattern", e.getPattern(), a.getPattern());
        same(path + ".minimum", e.getMinimum(), a.getMinimum());
        same(path + ".maximum", e.getMaximum(), a.getMaximum());
        same(path + ".minLength", e.getMinLength(), a.getMinLength());
        same(path + ".maxLength", e.getMaxLength(), a.getMaxLength());
        same(path + ".minItems", e.getMinItems(), a.getMinItems());
        same(path + ".maxItems", e.getMaxItems(), a.getMaxItems());
        same(path + ".format", e.getFormat(), a.getFormat());
        same(path + ".nullable", e.getNullable(), a.getNullable());
        same(path + ".default", String.valueOf(e.getDefault()), String.valueOf(a.getDefault()));
        same(path + ".required", new TreeSet<>(orEmpty(e.getRequired())), new TreeSet<>(orEmpty(a.getRequired())));
        same(path + ".x-kubernetes-validations", rules(e.getXKubernetesValidations()),
                rules(a.getXKubernetesValidations()));
        compareProperties(path, e.getProperties(), a.getProperties(), root);
        compareSchema(path + ".items", e.getItems() == null ? null : e.getItems().getSchema(),
                a.getItems() == null ? null : a.getItems().getSchema(), false);
    }

    private void compareProperties(String path, Map<String, JSONSchemaProps> e, Map<String, JSONSchemaProps> a,
            boolean root) {
        Set<String> ek = new TreeSet<>(e == null ? Set.of() : e.keySet());
        Set<String> ak = new TreeSet<>(a == null ? Set.of() : a.keySet());
        if (root) {
            ek.removeAll(ROOT_IMPLICIT);
        }
        same(path + ".properties", ek, ak);
        for (String key : ek) {
            if (ak.contains(key)) {
                compareSchema(path + ".properties." + key, e.get(key), a.get(key), false);
            }
        }
    }

    private void same(String path, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(path + ": upstream " + expected + ", generated " + actual);
        }
    }

    private static String normalise(String text) {
        return text == null ? null : text.replaceAll("\\s+", " ").trim();
    }

    private static boolean hasStatus(CustomResourceDefinitionVersion v) {
        return v.getSubresources() != null && v.getSubresources().getStatus() != null;
    }

    private static boolean hasScale(CustomResourceDefinitionVersion v) {
        return v.getSubresources() != null && v.getSubresources().getScale() != null;
    }

    /** Columns in order: the generator sorts them by jsonPath, {@link PrinterColumnOrder} restores upstream's order. */
    private static List<String> columns(CustomResourceDefinitionVersion v) {
        return orEmpty(v.getAdditionalPrinterColumns()).stream().map(CrdDiff::column).collect(Collectors.toList());
    }

    private static String column(CustomResourceColumnDefinition c) {
        int priority = c.getPriority() == null ? 0 : c.getPriority();
        return c.getName() + "|" + c.getJsonPath() + "|" + c.getType() + "|" + c.getFormat() + "|" + priority;
    }

    private static List<String> rules(List<ValidationRule> rules) {
        return orEmpty(rules).stream().map(r -> r.getMessage() + " <- " + r.getRule()).collect(Collectors.toList());
    }

    private static Set<String> strings(List<?> values) {
        return orEmpty(values).stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> Map<String, T> byName(List<T> list, Function<T, String> name) {
        return orEmpty(list).stream().collect(Collectors.toMap(name, Function.identity()));
    }
}
