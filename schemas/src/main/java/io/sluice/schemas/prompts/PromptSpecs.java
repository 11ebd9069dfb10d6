package io.sluice.schemas.prompts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.PromptAssertion;
import io.sluice.avro.PromptAssertionKind;
import io.sluice.avro.PromptExample;
import io.sluice.avro.PromptTest;
import io.sluice.avro.PromptVariable;
import io.sluice.avro.PromptVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A prompt version's spec, as a team writes it in {@code prompts/<name>/<version>/config.yaml}
 * and as the admin API takes it in JSON: {@code description}, {@code system} (the template),
 * {@code variables} (name to {@code required}, {@code default}, {@code description}),
 * {@code examples} and {@code tests} with assertions ({@code contains}, {@code does_not_contain},
 * {@code regex}, {@code max_tokens}). Read strictly from a JSON tree (unknown keys, wrong types and
 * inconsistencies are errors naming their path), into the version as stored, with the hash of its
 * content. The canonical JSON written back is both the admin API's view and what the hash covers.
 */
public final class PromptSpecs {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prompt names, versions and labels: what a directory, a topic key and a header can all hold. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> TOP = Set.of("description", "system", "variables", "examples", "tests");
    private static final Set<String> VARIABLE = Set.of("required", "default", "description");
    private static final Set<String> EXAMPLE = Set.of("name", "variables", "user", "output");
    private static final Set<String> TEST = Set.of("name", "variables", "user", "assert");

    private PromptSpecs() {}

    /**
     * Checks a prompt name, version or label ({@code what}): 1 to 64 letters, digits, {@code .},
     * {@code _} and {@code -}, starting with a letter or digit.
     */
    public static String requireId(String value, String param, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw PromptException.invalid(param, "a " + what + " is 1 to 64 letters, digits, '.', '_' and '-',"
                    + " starting with a letter or digit");
        }
        return value;
    }

    /**
     * The version {@code version} as {@code spec} describes it, with its content hash; published
     * at the epoch by nobody until the admin API stamps it.
     *
     * @throws PromptException {@code invalid_prompt} naming the path of what is wrong
     */
    public static PromptVersion read(JsonNode spec, String version) {
        requireId(version, "version", "version");
        object(spec, "", TOP);
        String system = text(spec.get("system"), "system", true);
        if (system.isBlank()) {
            throw PromptException.invalid("system", "the system prompt is empty");
        }
        List<PromptVariable> variables = variables(spec.get("variables"));
        Set<String> declared = new HashSet<>();
        variables.forEach(v -> declared.add(v.getName()));
        for (String used : PromptTemplate.placeholders(system, "system")) {
            if (!declared.contains(used)) {
                throw PromptException.invalid("system", "uses {{" + used + "}}, which 'variables' does not declare");
            }
        }
        PromptVersion read = PromptVersion.newBuilder()
                .setVersion(version)
                .setDescription(text(spec.get("description"), "description", false))
                .setSystem(system)
                .setVariables(variables)
                .setExamples(examples(spec.get("examples"), variables))
                .setTests(tests(spec.get("tests"), variables))
                .setContentHash("")
                .setPublishedAt(Instant.EPOCH)
                .setPublishedBy("")
                .build();
        read.setContentHash(hash(read));
        return read;
    }

    /** Hex SHA-256 of the version's canonical JSON without its version, hash and publication. */
    public static String hash(PromptVersion version) {
        ObjectNode content = content(version);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(content)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version as the admin API shows it: its content, hash and publication. */
    public static ObjectNode view(PromptVersion version) {
        ObjectNode node = JSON.createObjectNode().put("object", "prompt.version").put("version", version.getVersion())
                .put("content_hash", version.getContentHash())
                .put("published_at", version.getPublishedAt().toString())
                .put("published_by", version.getPublishedBy());
        node.setAll(content(version));
        return node;
    }

    /** The spec as written, in a fixed order with maps sorted: what the hash covers. */
    private static ObjectNode content(PromptVersion version) {
        ObjectNode node = JSON.createObjectNode();
        if (version.getDescription() != null) {
            node.put("description", version.getDescription());
        }
        node.put("system", version.getSystem());
        ObjectNode variables = node.putObject("variables");
        for (PromptVariable v : sorted(version.getVariables())) {
            ObjectNode each = variables.putObject(v.getName()).put("required", v.getRequired());
            if (v.getDefaultValue() != null) {
                each.put("default", v.getDefaultValue());
            }
            if (v.getDescription() != null) {
                each.put("description", v.getDescription());
            }
        }
        ArrayNode examples = node.putArray("examples");
        for (PromptExample e : version.getExamples()) {
            ObjectNode each = examples.addObject();
            putIfSet(each, "name", e.getName());
            putMap(each, e.getVariables());
            putIfSet(each, "user", e.getUser());
            putIfSet(each, "output", e.getOutput());
        }
        ArrayNode tests = node.putArray("tests");
        for (PromptTest t : version.getTests()) {
            ObjectNode each = tests.addObject().put("name", t.getName());
            putMap(each, t.getVariables());
            putIfSet(each, "user", t.getUser());
            ArrayNode asserts = each.putArray("assert");
            for (PromptAssertion a : t.getAssertions()) {
                String key = a.getKind().name().toLowerCase(Locale.ROOT);
                if (a.getKind() == PromptAssertionKind.MAX_TOKENS) {
                    asserts.addObject().put(key, Integer.parseInt(a.getValue()));
                } else {
                    asserts.addObject().put(key, a.getValue());
                }
            }
        }
        return node;
    }

    private static List<PromptVariable> sorted(List<PromptVariable> variables) {
        return variables.stream().sorted(java.util.Comparator.comparing(PromptVariable::getName)).toList();
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putMap(ObjectNode node, Map<String, String> values) {
        ObjectNode map = node.putObject("variables");
        new TreeMap<>(values).forEach(map::put);
    }

    private static List<PromptVariable> variables(JsonNode node) {
        List<PromptVariable> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        object(node, "variables", null);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String path = "variables." + entry.getKey();
            if (!PromptTemplate.NAME.matcher(entry.getKey()).matches()) {
                throw PromptException.invalid(path, "a variable name is a letter or '_', then letters, digits and '_'");
            }
            JsonNode spec = entry.getValue();
            object(spec, path, VARIABLE);
            JsonNode required = spec.get("required");
            if (required != null && !required.isNull() && !required.isBoolean()) {
                throw PromptException.invalid(path + ".required", "must be true or false");
            }
            boolean isRequired = required != null && required.asBoolean();
            String defaultValue = scalar(spec.get("default"), path + ".default");
            if (isRequired && defaultValue != null) {
                throw PromptException.invalid(path + ".default", "a required variable has no default");
            }
            out.add(PromptVariable.newBuilder().setName(entry.getKey()).setRequired(isRequired)
                    .setDefaultValue(defaultValue).setDescription(text(spec.get("description"), path + ".description",
                            false)).build());
        }
        return out;
    }

    private static List<PromptExample> examples(JsonNode node, List<PromptVariable> variables) {
        List<PromptExample> out = new ArrayList<>();
        for (int i = 0; i < size(node, "examples"); i++) {
            String path = "examples[" + i + "]";
            JsonNode e = node.get(i);
            object(e, path, EXAMPLE);
            out.add(PromptExample.newBuilder().setName(text(e.get("name"), path + ".name", false))
                    .setVariables(values(e.get("variables"), path + ".variables", variables))
                    .setUser(text(e.get("user"), path + ".user", false))
                    .setOutput(text(e.get("output"), path + ".output", false)).build());
        }
        return out;
    }

    private static List<PromptTest> tests(JsonNode node, List<PromptVariable> variables) {
        List<PromptTest> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < size(node, "tests"); i++) {
            String path = "tests[" + i + "]";
            JsonNode t = node.get(i);
            object(t, path, TEST);
            String name = text(t.get("name"), path + ".name", true);
            if (!names.add(name)) {
                throw PromptException.invalid(path + ".name", "another test is named `" + name + "`");
            }
            List<PromptAssertion> assertions = new ArrayList<>();
            JsonNode asserts = t.get("assert");
            for (int j = 0; j < size(asserts, path + ".assert"); j++) {
                assertions.add(assertion(asserts.get(j), path + ".assert[" + j + "]"));
            }
            if (assertions.isEmpty()) {
                throw PromptException.invalid(path + ".assert", "a test needs at least one assertion");
            }
            out.add(PromptTest.newBuilder().setName(name)
                    .setVariables(values(t.get("variables"), path + ".variables", variables))
                    .setUser(text(t.get("user"), path + ".user", false)).setAssertions(assertions).build());
        }
        return out;
    }

    private static PromptAssertion assertion(JsonNode node, String path) {
        object(node, path, Set.of("contains", "does_not_contain", "regex", "max_tokens"));
        if (node.size() != 1) {
            throw PromptException.invalid(path, "an assertion is one of contains, does_not_contain, regex or max_tokens");
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        String at = path + "." + only.getKey();
        PromptAssertionKind kind = PromptAssertionKind.valueOf(only.getKey().toUpperCase(Locale.ROOT));
        String value;
        if (kind == PromptAssertionKind.MAX_TOKENS) {
            if (!only.getValue().canConvertToInt() || !only.getValue().isIntegralNumber() || only.getValue().asInt() < 1) {
                throw PromptException.invalid(at, "must be a positive integer");
            }
            value = String.valueOf(only.getValue().asInt());
        } else {
            value = text(only.getValue(), at, true);
            if (kind == PromptAssertionKind.REGEX) {
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw PromptException.invalid(at, "not a regular expression: " + e.getDescription());
                }
            }
        }
        return PromptAssertion.newBuilder().setKind(kind).setValue(value).build();
    }

    /**
     * Variable values of an example or test: declared names, scalar values, every required one
     * given, so the version is known to render with them.
     */
    private static Map<String, String> values(JsonNode node, String path, List<PromptVariable> variables) {
        Map<String, String> given = new HashMap<>();
        if (node != null && !node.isNull()) {
            object(node, path, null);
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                given.put(entry.getKey(), scalar(entry.getValue(), path + "." + entry.getKey()));
            }
        }
        try {
            PromptRendering.values(variables, given);
        } catch (PromptException e) {
            throw PromptException.invalid(path, e.getMessage());
        }
        return given;
    }

    /**
     * A variable's value as text: a string, or a number or boolean as written; null for null or
     * absent. Objects and arrays are refused: substitution is of text only.
     */
    public static String scalar(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw PromptException.invalid(path, "must be a string, a number or a boolean");
        }
        return node.asText();
    }

    private static String text(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw PromptException.invalid(path, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw PromptException.invalid(path, "must be a string");
        }
        return node.textValue();
    }

    private static int size(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isArray()) {
            throw PromptException.invalid(path, "must be a list");
        }
        return node.size();
    }

    /** Requires an object whose keys are all in {@code known} (any key when null). */
    private static void object(JsonNode node, String path, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw PromptException.invalid(path.isEmpty() ? null : path, "must be a mapping");
        }
        if (known != null) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!known.contains(field.getKey())) {
                    throw PromptException.invalid(path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                            "unknown key (expected one of " + new java.util.TreeSet<>(known) + ")");
                }
            }
        }
    }
}
