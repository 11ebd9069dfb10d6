package io.sluice.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks every key of the YAML tree against the configuration records before they are built, so
 * that a misspelt key is reported as itself with its exact path, not as the validation error of the
 * record it was meant for.
 */
final class KnownKeys {
    private static final PropertyNamingStrategies.KebabCaseStrategy KEBAB = new PropertyNamingStrategies.KebabCaseStrategy();

    private KnownKeys() {}

    static void check(JsonNode node, Type type, String path) {
        if (type instanceof Class<?> record && record.isRecord() && node.isObject()) {
            Map<String, RecordComponent> components = Arrays.stream(record.getRecordComponents())
                    .collect(Collectors.toMap(c -> KEBAB.translate(c.getName()), c -> c));
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                RecordComponent component = components.get(name);
                if (component == null) {
                    throw new ConfigException((path.isEmpty() ? "" : path + ": ") + "unknown key `" + name
                            + "`; expected one of " + Set.copyOf(components.keySet()).stream().sorted().toList());
                }
                check(node.get(name), component.getGenericType(), path.isEmpty() ? name : path + "." + name);
            }
        } else if (type instanceof ParameterizedType generic && generic.getRawType() == List.class && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), generic.getActualTypeArguments()[0], path + "[" + i + "]");
            }
        }
    }
}
