package io.sluice.ingress;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed reads of request JSON values; a wrong type or range throws an {@link ApiException} naming the field. */
final class JsonValues {
    private JsonValues() {
    }

    static String string(JsonNode node, String param) {
        if (!node.isTextual()) {
            throw new ApiException(ApiError.invalidType(param, "a string"));
        }
        return node.textValue();
    }

    static boolean bool(JsonNode node, String param) {
        if (!node.isBoolean()) {
            throw new ApiException(ApiError.invalidType(param, "a boolean"));
        }
        return node.booleanValue();
    }

    static double number(JsonNode node, String param, double min, double max) {
        if (!node.isNumber()) {
            throw new ApiException(ApiError.invalidType(param, "a number"));
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for '" + param + "': must be between " + format(min) + " and " + format(max) + ".",
                    param));
        }
        return value;
    }

    static int integer(JsonNode node, String param) {
        if (!node.isIntegralNumber()) {
            throw new ApiException(ApiError.invalidType(param, "an integer"));
        }
        if (!node.canConvertToInt()) {
            throw new ApiException(ApiError.invalidValue("Invalid value for '" + param + "': out of range.", param));
        }
        return node.intValue();
    }

    static int positiveInt(JsonNode node, String param) {
        int value = integer(node, param);
        if (value < 1) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for '" + param + "': must be a positive integer.", param));
        }
        return value;
    }

    static long longValue(JsonNode node, String param) {
        if (!node.isIntegralNumber()) {
            throw new ApiException(ApiError.invalidType(param, "an integer"));
        }
        if (!node.canConvertToLong()) {
            throw new ApiException(ApiError.invalidValue("Invalid value for '" + param + "': out of range.", param));
        }
        return node.longValue();
    }

    static JsonNode object(JsonNode node, String param) {
        if (!node.isObject()) {
            throw new ApiException(ApiError.invalidType(param, "an object"));
        }
        return node;
    }

    static JsonNode array(JsonNode node, String param) {
        if (!node.isArray()) {
            throw new ApiException(ApiError.invalidType(param, "an array"));
        }
        return node;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
