package io.sluice.processors.provider.openai;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON mapper of the {@code openai} provider (thread-safe once configured, and never reconfigured). */
final class OpenAiJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private OpenAiJson() {}
}
