package io.sluice.processors.sanitize.pii;

import static io.sluice.processors.sanitize.pii.PiiTestSupport.found;
import static io.sluice.processors.sanitize.pii.PiiTestSupport.rules;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiSecretTest {
    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    @Test
    void vendorKeysByPrefix() {
        assertThat(rules("AKIAIOSFODNN7EXAMPLE")).containsExactly("pii.secret.aws_access_key");
        assertThat(rules("ghp_Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1Hj5Kp0Ab1Cd2")).containsExactly("pii.secret.github_token");
        assertThat(rules("glpat-Zk8Qw2Lm9Xr4Tv7Bn3Cd")).containsExactly("pii.secret.gitlab_token");
        assertThat(rules("xoxb-123456789012-1234567890123-Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1")).containsExactly("pii.secret.slack_token");
        assertThat(rules("sk_live_Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1")).containsExactly("pii.secret.stripe_key");
        assertThat(rules("sk-proj-Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1Hj5Kp0")).containsExactly("pii.secret.openai_key");
        assertThat(rules("sk-ant-api03-Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1Hj5Kp0-_AA")).containsExactly("pii.secret.anthropic_key");
        assertThat(rules("AIzaSyZk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1Hj5Kp0Ab1")).containsExactly("pii.secret.google_api_key");
        assertThat(rules("npm_Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1Hj5Kp0Ab1Cd2")).containsExactly("pii.secret.npm_token");
        assertThat(rules("hf_Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1Hj5Kp0Ab1C")).containsExactly("pii.secret.huggingface_token");
    }

    @Test
    void jwtsNeedAHeaderThatDecodesToJsonWithAlg() {
        assertThat(rules("Bearer " + JWT)).containsExactly("pii.secret.jwt");
        assertThat(found("eyJub3RqdXN0Ijp0cnVlfQ.eyJzdWIiOiIxIn0.abc")).isEmpty(); // {"notjust":true}: no alg
    }

    @Test
    void pemPrivateKeysWholeOrCutShortOrEscapedInJson() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
                + "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ==\n-----END RSA PRIVATE KEY-----";
        assertThat(found("key:\n" + key + "\nthanks")).containsExactly("SECRET:" + key);
        assertThat(rules(key)).containsExactly("pii.secret.pem");
        String cut = key.substring(0, key.indexOf("-----END"));
        assertThat(found(cut + "... (truncated)")).containsExactly("SECRET:" + cut.strip());
        String escaped = "{\"private_key\": \"" + key.replace("\n", "\\n") + "\\n\"}";
        assertThat(found(escaped)).containsExactly("SECRET:" + key.replace("\n", "\\n"));
        assertThat(found("-----BEGIN PUBLIC KEY-----")).isEmpty();
    }

    @Test
    void passwordsInUrlsCommandsAndAssignments() {
        assertThat(found("postgres://app:hX9vQ2mLp7Rt@db:5432/x")).containsExactly("SECRET:hX9vQ2mLp7Rt");
        assertThat(found("curl -u admin:S3cr3t! https://x")).containsExactly("SECRET:S3cr3t!");
        assertThat(found("password=hunter2x")).containsExactly("SECRET:hunter2x");
        assertThat(found("SMTP_PASS: 'kP8!wQz2#Lm5'")).containsExactly("SECRET:kP8!wQz2#Lm5");
    }

    @Test
    void placeholdersAndCodeAreNotSecrets() {
        assertThat(found("password: ${DB_PASSWORD}, token: <your-token>, api_key=YOUR_API_KEY")).isEmpty();
        assertThat(found("api_key=os.environ['OPENAI_API_KEY'] and secret: settings.SECRET_KEY")).isEmpty();
        assertThat(found("The password must be at least 12 characters; the token expired.")).isEmpty();
    }

    @Test
    void highEntropyTokens() {
        assertThat(rules("the value Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1Hj5Kp0Ab was in the log")).containsExactly("pii.secret.entropy");
        assertThat(Entropy.isRandomToken("Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1Hj5Kp0Ab", 0, 32)).isTrue();
        assertThat(rules("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).hasSize(1);
        assertThat(Entropy.isRandomToken("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", 0, 40)).isTrue();
    }

    @Test
    void hashesUuidsAndIdentifiersAreNotSecrets() {
        assertThat(found("commit 9fceb02d0ae598e95dc970b74767f19372d61af8")).isEmpty();
        assertThat(found("id 3f2504e0-4f89-41d3-9a0c-0305e82c3301")).isEmpty();
        assertThat(found("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).isEmpty();
        assertThat(found("handleOAuth2CallbackForProviderX getUserAccountSettingsById2 ProcessorTopologyBuilder2Test")).isEmpty();
        assertThat(found("X-Amz-Credential-V4SigningKey2 MyApp_Production_Database_2024 llama-3-8b-instruct-q4_K_M")).isEmpty();
        assertThat(found("\"integrity\": \"sha512-Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1Hj5Kp0Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv==\"")).isEmpty();
        assertThat(found("src/main/java/io/sluice/processors/gateway/GatewayTopology2.java")).isEmpty();
    }
}
