package io.sluice.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Amounts of money as people write them in YAML: a number ({@code 2.50}) or a quoted decimal
 * ({@code "2.50"}), read exactly from the text, never through a double.
 */
final class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {
    DecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDecimalValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText().strip();
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text,
                        "expected an amount such as 2.50");
            }
        }
        return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
    }
}
