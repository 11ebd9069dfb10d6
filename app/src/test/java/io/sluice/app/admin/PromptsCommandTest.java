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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sluice prompts ...}: tests run offline against the mock with CI exit codes; admin calls go over loopback to a stub. */
class PromptsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSING = """
            description: triage support tickets
            system: |
              You triage tickets about {{product}}. Reply in {{language}}.
            variables:
              product: {required: true, description: what the ticket is about}
              language: {default: English}
            examples:
              - {name: basic, variables: {product: Sluice}, user: My key stopped working}
            tests:
              - name: names the product
                variables: {product: Sluice}
                assert:
                  - contains: Sluice
                  - does_not_contain: "{{"
                  - regex: "Reply in [A-Z][a-z]+"
                  - max_tokens: 20
              - name: answers the user
                variables: {product: Sluice, language: French}
                user: Where are my invoices?
                assert:
                  - contains: invoices
            """;

    @TempDir
    Path root;
    private final List<String> seen = new ArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startStub() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/admin/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
            byte[] answer = "{\"object\":\"prompt\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
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
    void passingTestsExitZeroWithASummary() throws Exception {
        write("triage/1", PASSING);
        StringWriter out = new StringWriter();

        int exit = cli(out, new StringWriter()).execute("prompts", "test", root.toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("PASS triage@1 names the product", "PASS triage@1 answers the user",
                "1 version, 2 tests: 2 passed, 0 failed (model mock-echo, in-process)");
    }

    @Test
    void aFailingAssertionExitsOneAndSaysWhichAndWhy() throws Exception {
        write("triage/1", PASSING);
        write("triage/2", PASSING.replace("- contains: invoices", "- contains: refunds\n      - max_tokens: 1"));
        StringWriter out = new StringWriter();

        int exit = cli(out, new StringWriter()).execute("prompts", "test", root.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL triage@2 answers the user",
                "contains `refunds`: the answer does not", "max_tokens 1: the answer took 4",
                "2 versions, 4 tests: 3 passed, 1 failed");
    }

    @Test
    void anInvalidFileExitsTwoNamingTheFileAndThePathInIt() throws Exception {
        write("triage/1", PASSING.replace("does_not_contain", "doesnt_contain"));
        StringWriter err = new StringWriter();

        int exit = cli(new StringWriter(), err).execute("prompts", "test", root.resolve("triage").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("triage/1/config.yaml", "tests[0].assert[1].doesnt_contain");
    }

    @Test
    void publishSendsEachVersionWithItsNameAndVersionAndLabelParsesAnAbSplit() throws Exception {
        write("triage/1", PASSING);
        write("summarize/2024-06", "system: Summarize.\n");

        assertThat(run("publish", root.toString())).isZero();
        assertThat(run("label", "triage", "prod", "1:90,2:10")).isZero();
        assertThat(run("rollback", "triage", "prod")).isZero();
        assertThat(run("label", "triage", "prod", "1:x")).isEqualTo(2);

        assertThat(seen).hasSize(4);
        assertThat(body(0).path("name").asText()).isEqualTo("summarize");
        assertThat(body(0).path("version").asText()).isEqualTo("2024-06");
        assertThat(body(1).path("name").asText()).isEqualTo("triage");
        assertThat(body(1).at("/variables/product/required").asBoolean()).isTrue();
        assertThat(body(1).at("/tests/0/assert/3/max_tokens").asInt()).isEqualTo(20);
        assertThat(seen.get(2)).startsWith("POST /v1/admin/prompts/label ");
        assertThat(body(2)).isEqualTo(JSON.readTree("{\"name\":\"triage\",\"label\":\"prod\",\"targets\":"
                + "[{\"version\":\"1\",\"weight\":90},{\"version\":\"2\",\"weight\":10}]}"));
        assertThat(seen.get(3)).startsWith("POST /v1/admin/prompts/rollback ");
    }

    private void write(String dir, String yaml) throws Exception {
        Path versionDir = Files.createDirectories(root.resolve(dir));
        Files.writeString(versionDir.resolve("config.yaml"), yaml);
    }

    /** An admin command against the stub; the key comes from {@code PATH}, which every test JVM has. */
    private int run(String... command) {
        List<String> all = new ArrayList<>(List.of("prompts"));
        all.addAll(List.of(command));
        all.addAll(List.of("--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--admin-key-env", "PATH"));
        return cli(new StringWriter(), new StringWriter()).execute(all.toArray(String[]::new));
    }

    private static CommandLine cli(StringWriter out, StringWriter err) {
        return new CommandLine(new SluiceCli()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    private JsonNode body(int index) throws Exception {
        String line = seen.get(index);
        return JSON.readTree(line.substring(line.indexOf(' ', line.indexOf(' ') + 1) + 1));
    }
}
