package io.sluice.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code sluice.yaml} strictly: unknown keys, duplicate keys, wrong types and invalid values
 * are errors that name the path of the key. {@code ${NAME}}, {@code ${NAME:-default}} and
 * {@code ${file:/path}} in string values are replaced before the values are read, so secrets can
 * stay out of the file.
 */
public final class ConfigLoader {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern SECRET_PATH = Pattern.compile(
            "deployments\\[\\d+]\\.(api-key|credentials\\..+)|ingress\\.admin-keys\\[\\d+]\\.secret");

    private final Function<String, String> environment;
    private final ObjectMapper mapper;

    public ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
        SimpleModule durations = new SimpleModule("sluice-durations");
        durations.addDeserializer(Duration.class, new DurationDeserializer());
        durations.addDeserializer(java.math.BigDecimal.class, new DecimalDeserializer());
        this.mapper = JsonMapper.builder(new YAMLFactory())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .addModule(durations)
                .build();
    }

    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System::getenv);
    }

    public SluiceConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public SluiceConfig parse(String yaml, String source) {
        JsonNode tree;
        try {
            tree = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return SluiceConfig.defaults();
        }
        if (!tree.isObject()) {
            throw new ConfigException(source + ": the top level must be a mapping");
        }
        try {
            KnownKeys.check(tree, SluiceConfig.class, "");
        } catch (ConfigException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
        resolvePlaceholders(tree, "");
        try {
            return mapper.treeToValue(tree, SluiceConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + describe(e), e);
        }
    }

    private void resolvePlaceholders(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    requirePlaceholderForSecret(field.getValue().textValue(), childPath);
                    field.setValue(TextNode.valueOf(resolve(field.getValue().textValue(), childPath)));
                } else {
                    resolvePlaceholders(field.getValue(), childPath);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String childPath = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(resolve(array.get(i).textValue(), childPath)));
                } else {
                    resolvePlaceholders(array.get(i), childPath);
                }
            }
        }
    }

    /**
     * Provider credentials and admin keys come only from the environment or a file, so that a
     * secret never sits in the configuration file itself (and so in a repository or a support bundle).
     */
    private static void requirePlaceholderForSecret(String value, String path) {
        if (SECRET_PATH.matcher(path).matches() && !PLACEHOLDER.matcher(value.strip()).matches()) {
            throw new ConfigException(path + " must be a ${ENV_VAR} or ${file:/path} placeholder, not a literal secret");
        }
    }

    private String resolve(String value, String path) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(lookup(m.group(1), path)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String lookup(String expression, String path) {
        if (expression.startsWith("file:")) {
            Path file = Path.of(expression.substring("file:".length()));
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException(path + ": cannot read the file named by ${file:...}: " + file);
            }
        }
        int split = expression.indexOf(":-");
        String name = split < 0 ? expression : expression.substring(0, split);
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            if (split >= 0) {
                return expression.substring(split + 2);
            }
            throw new ConfigException(path + ": environment variable " + name + " is not set");
        }
        return value;
    }

    private static String describe(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return e.getOriginalMessage();
        }
        String path = pathOf(mapping);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return (path.isEmpty() ? "" : path + ": ") + "unknown key `" + unknown.getPropertyName() + "`";
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof ConfigException config) {
            return config.getMessage();
        }
        if (e.getCause() instanceof ConfigException config) {
            return config.getMessage();
        }
        return (path.isEmpty() ? "" : path + ": ") + mapping.getOriginalMessage();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
