package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {
    private final ApiKey acme = new ApiKey("k1", "acme", "web", ApiKey.hash("sk-acme"));
    private final ApiKey globex = new ApiKey("k2", "globex", null, ApiKey.hash("sk-globex"));
    private final ApiKeyAuthenticator auth = new ApiKeyAuthenticator(List.of(acme, globex));

    @Test
    void given_a_known_secret_then_its_key_with_tenant_and_app() {
        assertThat(auth.authenticate("sk-acme")).contains(acme);
        assertThat(auth.authenticate("sk-globex").orElseThrow().tenantId()).isEqualTo("globex");
    }

    @Test
    void given_an_unknown_blank_null_or_huge_secret_then_nothing() {
        assertThat(auth.authenticate("sk-acme ")).isEmpty();
        assertThat(auth.authenticate("SK-ACME")).isEmpty();
        assertThat(auth.authenticate("")).isEmpty();
        assertThat(auth.authenticate(null)).isEmpty();
        assertThat(auth.authenticate("x".repeat(10_000))).isEmpty();
    }

    @Test
    void given_a_secret_then_its_hash_is_sha256() {
        assertThat(HexFormat.of().formatHex(ApiKey.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void given_two_keys_with_one_id_or_one_secret_then_refused() {
        assertThatThrownBy(() -> new ApiKeyAuthenticator(List.of(acme, new ApiKey("k1", "b", null, ApiKey.hash("x")))))
                .hasMessageContaining("k1");
        assertThatThrownBy(() -> new ApiKeyAuthenticator(List.of(acme, new ApiKey("k3", "b", null, ApiKey.hash("sk-acme")))))
                .hasMessageContaining("same secret");
    }

    @Test
    void given_a_key_then_its_string_form_hides_the_hash_and_its_hash_cannot_be_mutated() {
        byte[] hash = ApiKey.hash("sk-acme");
        var key = new ApiKey("k1", "acme", "web", hash);
        hash[0] ^= 1;
        key.sha256()[1] ^= 1;

        assertThat(key.toString()).doesNotContain(HexFormat.of().formatHex(ApiKey.hash("sk-acme")).substring(0, 8))
                .doesNotContain("sha256");
        assertThat(new ApiKeyAuthenticator(List.of(key)).authenticate("sk-acme")).isPresent();
        assertThat(key).isEqualTo(acme);
    }

    @Test
    void given_an_invalid_key_then_refused() {
        assertThatThrownBy(() -> new ApiKey("k", "t", null, new byte[5])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new ApiKey("k", " ", null, ApiKey.hash("x"))).hasMessageContaining("tenant");
        assertThatThrownBy(() -> new ApiKey("", "t", null, ApiKey.hash("x"))).hasMessageContaining("id");
    }
}
