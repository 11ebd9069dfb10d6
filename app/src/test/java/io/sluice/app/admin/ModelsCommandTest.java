package io.sluice.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sluice.app.SluiceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code sluice admin models ...} sends the admin API's requests over loopback to a stub that records them. */
class ModelsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> seen = new ArrayList<>();
    private HttpServer server;
    private int status = 200;

    @BeforeEach
    void startStub() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/admin/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
            byte[] answer = (status == 200 ? "{\"object\":\"registry.model\"}"
                    : "{\"error\":{\"code\":\"invalid_transition\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void eachSubcommandPostsItsBodyToItsRoute() throws Exception {
        assertThat(run("create", "support-bot", "--owner", "alice", "--team", "ml", "--team-tenant", "ml-lab",
                "--review-tenant", "qa")).isZero();
        assertThat(run("version", "support-bot", "--served-by", "gpt-4o", "--lineage", "s3://tickets",
                "--metric", "accuracy=0.93")).isZero();
        assertThat(run("approve", "support-bot", "--version", "1", "--role", "ML", "--approver", "bob")).isZero();
        assertThat(run("transition", "support-bot", "--version", "1", "--state", "STAGING")).isZero();
        assertThat(run("alias", "support-bot", "prod", "--version", "1")).isZero();
        assertThat(run("list", "--name", "support-bot")).isZero();

        assertThat(seen).hasSize(6);
        assertThat(body(0)).isEqualTo(JSON.readTree("{\"name\":\"support-bot\",\"owner\":\"alice\",\"team\":\"ml\","
                + "\"team_tenants\":[\"ml-lab\"],\"review_tenants\":[\"qa\"]}"));
        assertThat(seen.get(1)).startsWith("POST /v1/admin/models/versions ");
        assertThat(body(1).at("/metrics/accuracy").asDouble()).isEqualTo(0.93);
        assertThat(body(1).at("/lineage/0").asText()).isEqualTo("s3://tickets");
        assertThat(body(2).path("role").asText()).isEqualTo("ML");
        assertThat(body(2).path("version").asInt()).isEqualTo(1);
        assertThat(seen.get(3)).startsWith("POST /v1/admin/models/transition ");
        assertThat(body(4).path("alias").asText()).isEqualTo("prod");
        assertThat(seen.get(5)).isEqualTo("GET /v1/admin/models?name=support-bot ");
    }

    @Test
    void aRefusalExitsOneWithTheApisErrorOnStderr() {
        status = 409;
        StringWriter err = new StringWriter();
        int exit = cli(new StringWriter(), err).execute(args("transition", "support-bot", "--version", "1",
                "--state", "PRODUCTION"));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("invalid_transition");
    }

    private int run(String... command) {
        return cli(new StringWriter(), new StringWriter()).execute(args(command));
    }

    /**
     * The command under {@code admin models}, against the stub; the key comes from {@code PATH},
     * an environment variable every test JVM has (the command reads keys only from the environment).
     */
    private String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of("admin", "models"));
        all.addAll(List.of(command));
        all.addAll(List.of("--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--admin-key-env", "PATH"));
        return all.toArray(String[]::new);
    }

    private static CommandLine cli(StringWriter out, StringWriter err) {
        return new CommandLine(new SluiceCli()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    private JsonNode body(int index) throws Exception {
        String line = seen.get(index);
        return JSON.readTree(line.substring(line.indexOf(' ', line.indexOf(' ') + 1) + 1));
    }
}
