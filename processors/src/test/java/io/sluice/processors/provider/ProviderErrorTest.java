package io.sluice.processors.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderErrorTest {

    @Test
    void statusDecidesRetryabilityAndDefaultType() {
        assertThat(ProviderError.forStatus("p", 500, null, null, "m", null))
                .extracting(ProviderError::retryable, ProviderError::type).containsExactly(true, "server_error");
        assertThat(ProviderError.forStatus("p", 429, null, null, "m", Duration.ofSeconds(3)))
                .extracting(ProviderError::retryable, ProviderError::type, ProviderError::retryAfter)
                .containsExactly(true, "rate_limit_exceeded", Duration.ofSeconds(3));
        assertThat(ProviderError.forStatus("p", 408, null, null, "m", null))
                .extracting(ProviderError::retryable, ProviderError::type).containsExactly(true, "timeout");
        assertThat(ProviderError.forStatus("p", 400, null, null, "m", null))
                .extracting(ProviderError::retryable, ProviderError::type)
                .containsExactly(false, "invalid_request_error");
        assertThat(ProviderError.forStatus("p", 404, "not_found", "model_not_found", "m", null))
                .extracting(ProviderError::retryable, ProviderError::type, ProviderError::code)
                .containsExactly(false, "not_found", "model_not_found");
    }

    @Test
    void anErrorMustCarryAnErrorStatus() {
        assertThatThrownBy(() -> new ProviderError("p", 200, "x", null, "m", false, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
