package io.sluice.processors.provider.oci;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON mapper of the {@code oci-genai} provider (thread-safe once configured, and never reconfigured). */
final class OciJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private OciJson() {}
}
