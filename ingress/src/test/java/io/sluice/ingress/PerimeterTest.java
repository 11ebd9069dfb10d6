package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ingress's perimeter: admin routes and admin keys, tenants' IP allowlists, who the client is
 * behind trusted proxies, one 401 for every bad key, TLS from PEM files, and nothing from a request
 * or the configuration evaluated as code.
 */
class PerimeterTest {
    private LoopbackIngress ingress;

    @AfterEach
    void stop() {
        if (ingress != null) {
            ingress.close();
        }
    }

    private static IngressSettings settings(IpRanges trustedProxies, boolean metricsRequireAdmin) {
        return new IngressSettings("127.0.0.1", 0, 8 * 1024, 16, Duration.ofSeconds(30), null, 1,
                Duration.ofSeconds(30), Duration.ofSeconds(60), null, trustedProxies, metricsRequireAdmin);
    }

    private static InetAddress ip(String literal) throws IOException {
        return InetAddress.getByAddress(IpRanges.literal(literal));
    }

    /** A GET on a new connection, with the given extra header lines. */
    private LoopbackIngress.Response get(String path, String... headerLines) throws IOException {
        try (var connection = ingress.connect()) {
            connection.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + String.join("", Stream.of(headerLines)
                    .map(line -> line + "\r\n").toList()) + "Connection: close\r\n\r\n");
            return connection.readResponse();
        }
    }

    private static JsonNode error(LoopbackIngress.Response response) throws IOException {
        return HttpHarness.JSON.readTree(response.body()).get("error");
    }

    private static void assertInvalidApiKey(LoopbackIngress.Response response) throws IOException {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo(new String(OpenAiJson.error(ApiError.invalidApiKey()),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Nested
    class Networks {
        @ParameterizedTest(name = "{1} in {0}: {2}")
        @CsvSource({
                "10.0.0.0/8,          10.255.1.2,        true",
                "10.0.0.0/8,          11.0.0.1,          false",
                "192.168.1.7,         192.168.1.7,       true",
                "192.168.1.7,         192.168.1.8,       false",
                "172.16.0.0/12,       172.31.255.255,    true",
                "172.16.0.0/12,       172.32.0.0,        false",
                "0.0.0.0/0,           203.0.113.9,       true",
                "0.0.0.0/0,           2001:db8::1,       false",
                "2001:db8::/32,       2001:db8:ffff::1,  true",
                "2001:db8::/32,       2001:db9::1,       false",
                "::1,                 ::1,               true",
                "::/0,                10.0.0.1,          false",
                "10.0.0.0/8,          ::ffff:10.1.2.3,   true",
                "2001:db8:0:2::/63,   2001:db8:0:3::5,   true",
                "2001:db8:0:2::/63,   2001:db8:0:1::5,   false"})
        void given_a_block_then_it_contains_exactly_its_addresses(String cidr, String address, boolean contained)
                throws IOException {
            assertThat(IpRanges.parse(List.of(cidr), "test").contains(ip(address))).isEqualTo(contained);
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost", "example.com", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/8x",
                "10.1.2.3/8", "2001:db8::1/32", "010.0.0.0/8", "10.0.0", "1.2.3.4:80", "[::1]", "fe80::1%eth0", " ",
                "10.0.0.0/", "/8", "1.2.3.256"})
        void given_something_that_is_not_a_literal_block_then_the_error_names_the_key(String cidr) {
            assertThatThrownBy(() -> IpRanges.parse(List.of("10.0.0.0/8", cidr), "tenants[id=acme].allowed-ips"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("tenants[id=acme].allowed-ips[1]");
        }

        @Test
        void given_host_bits_beyond_the_prefix_then_the_error_suggests_the_network() {
            assertThatThrownBy(() -> IpRanges.parse(List.of("10.1.2.3/8"), "ingress.trusted-proxies"))
                    .hasMessageContaining("did you mean 10.0.0.0/8?");
            assertThatThrownBy(() -> IpRanges.parse(List.of("2001:db8:0:1::/63"), "ingress.trusted-proxies"))
                    .hasMessageContaining("did you mean 2001:db8::/63?");
        }

        @Test
        void given_no_blocks_then_nothing_is_contained() throws IOException {
            assertThat(IpRanges.parse(List.of(), "x").contains(ip("127.0.0.1"))).isFalse();
            assertThat(IpRanges.none().contains(null)).isFalse();
        }
    }

    @Nested
    class ForwardedFor {
        private final IpRanges proxies = IpRanges.parse(List.of("10.0.0.0/8", "2001:db8:aaaa::/48"), "proxies");

        private String resolve(String peer, String... forwardedFor) throws IOException {
            InetAddress client = ClientAddress.resolve(ip(peer), List.of(forwardedFor), proxies);
            return client == null ? null : client.getHostAddress();
        }

        @Test
        void given_an_untrusted_peer_then_its_forwarded_for_is_ignored() throws IOException {
            assertThat(resolve("198.51.100.7", "10.1.1.1")).isEqualTo("198.51.100.7");
            assertThat(resolve("198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
        }

        @Test
        void given_a_trusted_peer_then_the_right_most_untrusted_address_is_the_client() throws IOException {
            assertThat(resolve("10.0.0.2", "203.0.113.9")).isEqualTo("203.0.113.9");
            assertThat(resolve("10.0.0.2", "192.0.2.66, 203.0.113.9")).as("the client cannot spoof the left part")
                    .isEqualTo("203.0.113.9");
            assertThat(resolve("10.0.0.2", "192.0.2.66, 203.0.113.9, 10.4.4.4")).as("through a chain of proxies")
                    .isEqualTo("203.0.113.9");
            assertThat(resolve("10.0.0.2", "192.0.2.66", "203.0.113.9,10.4.4.4")).as("over several headers")
                    .isEqualTo("203.0.113.9");
            assertThat(resolve("10.0.0.2", "2001:db8:bbbb::9, 2001:db8:aaaa::1")).isEqualTo("2001:db8:bbbb:0:0:0:0:9");
        }

        @Test
        void given_only_trusted_hops_then_the_left_most_is_the_client() throws IOException {
            assertThat(resolve("10.0.0.2", "10.9.9.9, 10.4.4.4")).isEqualTo("10.9.9.9");
        }

        @ParameterizedTest
        @ValueSource(strings = {"unknown", "203.0.113.9:443", "[2001:db8::1]", "evil.example", "", "_hidden",
                "203.0.113.9 203.0.113.10"})
        void given_a_hop_that_is_not_an_ip_literal_then_the_walk_stops_at_the_nearest_trusted_hop(String garbage)
                throws IOException {
            assertThat(resolve("10.0.0.2", "192.0.2.66, " + garbage)).isEqualTo("10.0.0.2");
            assertThat(resolve("10.0.0.2", "192.0.2.66, " + garbage + ", 10.4.4.4")).isEqualTo("10.4.4.4");
        }

        @Test
        void given_no_forwarded_for_or_an_unknown_peer_then_the_peer_is_the_client() throws IOException {
            assertThat(resolve("10.0.0.2")).isEqualTo("10.0.0.2");
            assertThat(ClientAddress.resolve(null, List.of("203.0.113.9"), proxies)).isNull();
        }

        @Test
        void given_thousands_of_trusted_hops_then_only_the_last_hops_are_examined() throws IOException {
            String many = "203.0.113.9, " + "10.0.0.1, ".repeat(5_000) + "10.0.0.1";

            assertThat(resolve("10.0.0.2", many)).isEqualTo("10.0.0.1");
        }
    }

    @Nested
    class AdminRoutes {
        @Test
        void given_metrics_require_admin_then_only_an_admin_key_opens_them() throws IOException {
            ingress = new LoopbackIngress(settings(IpRanges.none(), true), LoopbackIngress.keys(IpRanges.none()));

            assertInvalidApiKey(get("/metrics"));
            assertInvalidApiKey(get("/metrics", "Authorization: Bearer " + LoopbackIngress.SECRET));
            assertInvalidApiKey(get("/metrics", "Authorization: Bearer sk-admin-ops-wrong"));
            assertInvalidApiKey(get("/metrics", "Authorization: Bearer " + LoopbackIngress.ADMIN_SECRET,
                    "Authorization: Bearer " + LoopbackIngress.ADMIN_SECRET));
            LoopbackIngress.Response metrics = get("/metrics", "Authorization: Bearer " + LoopbackIngress.ADMIN_SECRET);

            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("sluice_ingress_requests_total{route=\"metrics\",status=\"401\"} 4.0");
            assertThat(get("/health").status()).as("health stays open for probes").isEqualTo(200);
        }

        @Test
        void given_the_default_then_metrics_are_open() throws IOException {
            ingress = new LoopbackIngress(settings(IpRanges.none(), false), LoopbackIngress.keys(IpRanges.none()));

            assertThat(get("/metrics").status()).isEqualTo(200);
        }

        @Test
        void given_an_admin_key_on_the_api_then_401_like_any_bad_key() throws IOException {
            ingress = new LoopbackIngress(settings(IpRanges.none(), true), LoopbackIngress.keys(IpRanges.none()));

            assertInvalidApiKey(get("/v1/models", "Authorization: Bearer " + LoopbackIngress.ADMIN_SECRET));
        }

        @Test
        void given_an_admin_key_sharing_a_secret_or_an_id_with_a_tenant_key_then_the_keys_are_refused() {
            var tenant = new ApiKey("k1", "acme", null, ApiKey.hash("sk-shared-0123456789"));

            assertThatThrownBy(() -> new ApiKeyAuthenticator(List.of(tenant),
                    List.of(new AdminKey("ops", ApiKey.hash("sk-shared-0123456789")))))
                    .hasMessageContaining("admin key ops has the same secret");
            assertThatThrownBy(() -> new ApiKeyAuthenticator(List.of(tenant),
                    List.of(new AdminKey("k1", ApiKey.hash("sk-other-0123456789")))))
                    .hasMessageContaining("admin key id k1 is defined twice");
            assertThat(new AdminKey("ops", ApiKey.hash("x")).toString()).isEqualTo("AdminKey[id=ops]");
        }

        @Test
        void given_a_path_routed_as_both_admin_and_public_then_the_table_is_refused() {
            RouteTable.Handler handler = exchange -> { };

            assertThatThrownBy(() -> RouteTable.builder()
                    .adminRoute("ops", io.netty.handler.codec.http.HttpMethod.GET, "/ops", handler)
                    .route("ops", io.netty.handler.codec.http.HttpMethod.POST, "/ops", handler))
                    .hasMessageContaining("cannot be both admin and public");
            assertThat(RouteTable.builder().adminRoute("ops", io.netty.handler.codec.http.HttpMethod.GET, "/ops", handler)
                    .build().match(io.netty.handler.codec.http.HttpMethod.GET, "/ops"))
                    .isInstanceOfSatisfying(RouteTable.Found.class, found -> assertThat(found.admin()).isTrue());
        }
    }

    @Nested
    class Allowlists {
        private final IpRanges acmeNetworks = IpRanges.parse(List.of("10.0.0.0/8", "2001:db8::/32"), "allowed-ips");

        @ParameterizedTest(name = "X-Forwarded-For {0}: {1}")
        @CsvSource({
                "10.1.2.3,                 200",
                "2001:db8::5,              200",
                "'198.51.100.1, 10.1.2.3', 200",
                "'10.1.2.3, 198.51.100.1', 403",
                "192.0.2.1,                403",
                "2001:db9::5,              403",
                "not-an-address,           403"})
        void given_a_trusted_proxy_then_the_forwarded_client_is_checked_against_the_tenants_networks(
                String forwardedFor, int status) throws IOException {
            ingress = new LoopbackIngress(settings(IpRanges.parse(List.of("127.0.0.1"), "proxies"), false),
                    LoopbackIngress.keys(acmeNetworks));

            LoopbackIngress.Response response = get("/v1/models", "Authorization: Bearer " + LoopbackIngress.SECRET,
                    "X-Forwarded-For: " + forwardedFor);

            assertThat(response.status()).isEqualTo(status);
            if (status == 403) {
                assertThat(error(response).get("code").asText()).isEqualTo("ip_not_allowed");
                assertThat(error(response).get("type").asText()).isEqualTo("permission_denied");
                assertThat(error(response).get("message").asText()).isNotBlank();
            }
        }

        @Test
        void given_no_trusted_proxy_then_forwarded_for_is_ignored_and_the_peer_is_checked() throws Exception {
            ingress = new LoopbackIngress(settings(IpRanges.none(), false), LoopbackIngress.keys(acmeNetworks));

            LoopbackIngress.Response response = get("/v1/models", "Authorization: Bearer " + LoopbackIngress.SECRET,
                    "X-Forwarded-For: 10.1.2.3");

            assertThat(response.status()).isEqualTo(403);
            assertThat(error(response).get("code").asText()).isEqualTo("ip_not_allowed");
        }

        @Test
        void given_a_chat_request_from_outside_the_networks_then_403_and_nothing_is_produced() throws Exception {
            ingress = new LoopbackIngress(settings(IpRanges.none(), false), LoopbackIngress.keys(acmeNetworks));

            try (var connection = ingress.connect()) {
                connection.send(LoopbackIngress.chatRequest(LoopbackIngress.SECRET));
                LoopbackIngress.Response response = connection.readResponse();

                assertThat(response.status()).isEqualTo(403);
                assertThat(error(response).get("code").asText()).isEqualTo("ip_not_allowed");
            }
            assertThat(ingress.producer.history()).isEmpty();
        }

        @Test
        void given_a_tenant_allowing_the_peers_network_then_its_requests_pass() throws Exception {
            ingress = new LoopbackIngress(settings(IpRanges.none(), false),
                    LoopbackIngress.keys(IpRanges.parse(List.of("127.0.0.0/8"), "allowed-ips")));

            ingress.assertHealthy();
        }

        @Test
        void given_an_ipv6_peer_then_ipv6_networks_decide() throws Exception {
            Assumptions.assumeTrue(ipv6Loopback(), "no IPv6 loopback here");
            var settings = new IngressSettings("::1", 0, 8 * 1024, 16, Duration.ofSeconds(30), null, 1,
                    Duration.ofSeconds(30), Duration.ofSeconds(60), null, IpRanges.none(), false);
            var keys = new ApiKeyAuthenticator(List.of(
                    new ApiKey("v6", "acme", null, ApiKey.hash("sk-ipv6-allowed-01"), IpRanges.parse(List.of("::1/128"), "a")),
                    new ApiKey("v4", "globex", null, ApiKey.hash("sk-ipv4-only-0001"),
                            IpRanges.parse(List.of("127.0.0.0/8"), "b"))));
            ingress = new LoopbackIngress(settings, keys);
            HttpClient client = HttpClient.newHttpClient();

            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://[::1]:" + ingress.port() + "/v1/models"))
                    .header("Authorization", "Bearer sk-ipv6-allowed-01").build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://[::1]:" + ingress.port() + "/v1/models"))
                    .header("Authorization", "Bearer sk-ipv4-only-0001").build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(403);
        }

        private static boolean ipv6Loopback() {
            try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"))) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    @Nested
    class BadKeys {
        @ParameterizedTest
        @ValueSource(strings = {"", "Bearer", "Bearer sk-unknown-0123456789", "Bearer ' OR '1'='1' --",
                "Bearer admin'--", "Bearer \" OR 1=1; DROP TABLE api_keys; --", "Basic c2stbG9vcGJhY2stYWNtZQ==",
                "Bearer sk-loopback-acme x", "Bearer sk-loopback-acm\u00e9", "Bearer ${jndi:ldap://127.0.0.1/a}"})
        void given_any_bad_key_then_the_same_401(String authorization) throws IOException {
            ingress = new LoopbackIngress(settings(IpRanges.none(), false), LoopbackIngress.keys(IpRanges.none()));

            assertInvalidApiKey(authorization.isEmpty() ? get("/v1/models")
                    : get("/v1/models", "Authorization: " + authorization));
        }

        @Test
        void given_a_key_longer_than_any_secret_then_401_without_hashing_it() throws IOException {
            ingress = new LoopbackIngress(settings(IpRanges.none(), false), LoopbackIngress.keys(IpRanges.none()));

            assertInvalidApiKey(get("/v1/models", "Authorization: Bearer sk-" + "x".repeat(6_000)));
        }

        @Test
        void given_a_64_kib_or_nul_containing_key_then_431_or_400_and_the_server_lives() throws Exception {
            ingress = new LoopbackIngress(settings(IpRanges.none(), false), LoopbackIngress.keys(IpRanges.none()));

            try (var connection = ingress.connect()) {
                connection.send("GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + "k".repeat(64 * 1024) + "\r\n\r\n");
                LoopbackIngress.Response response = connection.readResponse();
                assertThat(response.status()).isEqualTo(431);
                assertThat(error(response).get("code").asText()).isEqualTo("request_header_fields_too_large");
            }
            try (var connection = ingress.connect()) {
                connection.send("GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + LoopbackIngress.SECRET + "\0\r\n\r\n");
                LoopbackIngress.Response response = connection.readResponse();
                assertThat(response.status()).isEqualTo(400);
                assertThat(error(response).get("code").asText()).isEqualTo("bad_request");
            }
            ingress.assertHealthy();
        }
    }

    @Nested
    class Tls {
        @TempDir
        Path dir;

        @Test
        void given_pem_files_then_the_ingress_serves_https_and_refuses_plain_http() throws Exception {
            var certificates = TestCertificates.write(dir);
            var settings = new IngressSettings("127.0.0.1", 0, 8 * 1024, 16, Duration.ofSeconds(30), null, 1,
                    Duration.ofSeconds(30), Duration.ofSeconds(60),
                    new IngressSettings.Tls(certificates.certFile(), certificates.keyFile()), IpRanges.none(), false);
            ingress = new LoopbackIngress(settings, LoopbackIngress.keys(IpRanges.none()));
            HttpClient client = HttpClient.newBuilder().sslContext(certificates.clientContext())
                    .version(HttpClient.Version.HTTP_1_1).build();

            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + ingress.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> models = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + ingress.port() + "/v1/models"))
                    .header("Authorization", "Bearer " + LoopbackIngress.SECRET).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.sslSession()).hasValueSatisfying(session ->
                    assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
            assertThat(models.statusCode()).isEqualTo(200);
            try (var plain = ingress.connect()) {
                plain.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(plain.closedWithin(Duration.ofSeconds(5))).as("plain HTTP gets no answer").isTrue();
            }
        }

        @Test
        void given_a_missing_or_unusable_pem_file_then_the_ingress_does_not_start_and_says_why() throws Exception {
            var certificates = TestCertificates.write(dir);
            Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nnot a key\n");

            for (var tls : List.of(new IngressSettings.Tls(dir.resolve("missing.crt"), certificates.keyFile()),
                    new IngressSettings.Tls(certificates.certFile(), garbage),
                    new IngressSettings.Tls(certificates.keyFile(), certificates.certFile()))) {
                var settings = new IngressSettings("127.0.0.1", 0, 8 * 1024, 16, Duration.ofSeconds(30), null, 1,
                        Duration.ofSeconds(30), Duration.ofSeconds(60), tls, IpRanges.none(), false);

                assertThatThrownBy(() -> new LoopbackIngress(settings, LoopbackIngress.keys(IpRanges.none())))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("ingress.tls: cannot");
            }
        }
    }

    @Nested
    class NothingEvaluated {
        /** APIs that would turn text into code, a class, a format or a network lookup. */
        private static final Pattern EVALUATING = Pattern.compile(
                "Class\\.forName|loadClass\\(|ScriptEngine|javax\\.el\\.|ExpressionParser|MessageFormat|String\\.format\\("
                        + "|\\.formatted\\(|enableDefaultTyping|activateDefaultTyping|@JsonTypeInfo|InetAddress\\.getByName"
                        + "|InetAddress\\.getAllByName|InitialContext|\\.newInstance\\(|MethodHandles\\.lookup|Runtime\\.getRuntime"
                        + "|ProcessBuilder|ObjectInputStream|XMLDecoder");

        @Test
        void given_the_ingress_sources_then_no_text_is_evaluated_as_code_class_template_or_name_lookup()
                throws IOException {
            Path sources = Path.of("src", "main", "java");
            List<String> offenders;
            try (Stream<Path> files = Files.walk(sources)) {
                offenders = files.filter(file -> file.toString().endsWith(".java"))
                        .flatMap(file -> {
                            try {
                                return Files.readAllLines(file).stream()
                                        .filter(line -> EVALUATING.matcher(line).find())
                                        .map(line -> file.getFileName() + ": " + line.strip());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        })
                        .toList();
            }

            assertThat(offenders).as("request and configuration text must never be evaluated; "
                    + "parse it into data instead (see package-info)").isEmpty();
        }
    }
}
