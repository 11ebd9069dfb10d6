package io.sluice.app.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice prompts}: prompts as code. {@code test} runs the tests of every
 * {@code <name>/<version>/config.yaml} under a directory, offline against the built-in mock or
 * against a running Sluice, and exits 1 when one fails (for CI); {@code publish} stores them
 * through the admin API; {@code label}, {@code rollback} and {@code list} manage what is served.
 * Exit codes as {@link AdminCommand}: 0 success, 1 refused or failed, 2 usage or unreadable files.
 */
@Command(name = "prompts", mixinStandardHelpOptions = true,
        description = "Test, publish and label prompts kept as prompts/<name>/<version>/config.yaml.",
        subcommands = {PromptsCommand.TestPrompts.class, PromptsCommand.Publish.class, PromptsCommand.Label.class,
            PromptsCommand.Rollback.class, PromptsCommand.ListPrompts.class})
public final class PromptsCommand extends io.sluice.app.GroupCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run the tests of every prompt version under DIR; exit 1 if any fails.")
    static final class TestPrompts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", description = "prompts/, prompts/<name> or prompts/<name>/<version>.")
        Path dir;
        @Option(names = "--model", defaultValue = "mock-echo",
                description = "The model to test with (default: ${DEFAULT-VALUE}, the built-in mock, offline).")
        String model;
        @Option(names = "--url", description = "Test through a running Sluice at this URL instead of in-process.")
        URI url;
        @Option(names = "--api-key-env", defaultValue = "SLUICE_API_KEY",
                description = "With --url: the environment variable holding an API key (default: ${DEFAULT-VALUE}).")
        String keyEnv;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<PromptFiles.PromptFile> files;
            try {
                files = PromptFiles.under(dir);
            } catch (PromptFiles.Invalid e) {
                err.println(e.getMessage());
                return 2;
            }
            List<PromptTester.Outcome> outcomes = new ArrayList<>();
            if (url == null) {
                try (PromptModels.Mock mock = PromptModels.mock(model)) {
                    files.forEach(file -> outcomes.addAll(new PromptTester(mock).run(file)));
                }
            } else {
                String key = System.getenv(keyEnv);
                if (key == null || key.isBlank()) {
                    err.println("set " + keyEnv + " to an API key of the Sluice at " + url);
                    return 2;
                }
                PromptTester tester = new PromptTester(PromptModels.remote(url, key, model));
                files.forEach(file -> outcomes.addAll(tester.run(file)));
            }
            long failed = outcomes.stream().filter(o -> !o.passed()).count();
            for (PromptTester.Outcome outcome : outcomes) {
                out.println((outcome.passed() ? "PASS " : "FAIL ") + outcome.prompt() + " " + outcome.test());
                outcome.failures().forEach(f -> out.println("     " + f));
            }
            out.println(files.size() + " version" + (files.size() == 1 ? "" : "s") + ", " + outcomes.size() + " test"
                    + (outcomes.size() == 1 ? "" : "s") + ": " + (outcomes.size() - failed) + " passed, " + failed
                    + " failed (model " + model + (url == null ? ", in-process" : ", via " + url) + ")");
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Publish every prompt version under DIR (a version already published with the same content is"
                    + " left as it is; with other content it is refused).")
    static final class Publish implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminCommand.Target target = new AdminCommand.Target();
        @Parameters(index = "0", description = "prompts/, prompts/<name> or prompts/<name>/<version>.")
        Path dir;

        @Override
        public Integer call() throws Exception {
            List<PromptFiles.PromptFile> files;
            try {
                files = PromptFiles.under(dir);
            } catch (PromptFiles.Invalid e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
            int worst = 0;
            for (PromptFiles.PromptFile file : files) {
                ObjectNode body = JSON.createObjectNode().put("name", file.name())
                        .put("version", file.version().getVersion());
                body.setAll((ObjectNode) file.spec());
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = JSON.convertValue(body, Map.class);
                worst = Math.max(worst, target.run(spec, client -> client.post("/v1/admin/prompts", fields)));
            }
            return worst;
        }
    }

    @Command(name = "label", mixinStandardHelpOptions = true,
            description = "Point LABEL of prompt NAME at a version, or split it between two (A/B) by weight.")
    static final class Label implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminCommand.Target target = new AdminCommand.Target();
        @Parameters(index = "0", description = "The prompt's name.")
        String name;
        @Parameters(index = "1", description = "The label, e.g. prod or canary.")
        String label;
        @Parameters(index = "2", description = "VERSION, or VERSION:WEIGHT,VERSION:WEIGHT for an A/B split (e.g. 3:90,4:10).")
        String targets;

        @Override
        public Integer call() throws Exception {
            List<Map<String, Object>> parsed = new ArrayList<>();
            for (String part : targets.split(",", -1)) {
                int colon = part.lastIndexOf(':');
                Map<String, Object> target = new LinkedHashMap<>();
                target.put("version", colon < 0 ? part : part.substring(0, colon));
                if (colon >= 0) {
                    try {
                        target.put("weight", Integer.parseInt(part.substring(colon + 1)));
                    } catch (NumberFormatException e) {
                        spec.commandLine().getErr().println("not a weight: `" + part.substring(colon + 1) + "` in `"
                                + targets + "` (expected VERSION or VERSION:WEIGHT,VERSION:WEIGHT)");
                        return 2;
                    }
                }
                parsed.add(target);
            }
            return target.run(spec, client -> client.post("/v1/admin/prompts/label",
                    Map.of("name", name, "label", label, "targets", parsed)));
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Move LABEL of prompt NAME back to where it pointed before its last move.")
    static final class Rollback implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminCommand.Target target = new AdminCommand.Target();
        @Parameters(index = "0", description = "The prompt's name.")
        String name;
        @Parameters(index = "1", description = "The label.")
        String label;

        @Override
        public Integer call() throws Exception {
            return target.run(spec, client -> client.post("/v1/admin/prompts/rollback",
                    Map.of("name", name, "label", label)));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Published prompts with their versions and labels.")
    static final class ListPrompts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminCommand.Target target = new AdminCommand.Target();
        @Option(names = "--name", description = "Only this prompt.")
        String name;

        @Override
        public Integer call() throws Exception {
            String query = name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
            return target.run(spec, client -> client.get("/v1/admin/prompts" + query));
        }
    }
}
