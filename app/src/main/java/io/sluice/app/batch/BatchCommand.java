package io.sluice.app.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice batch}: submit a JSONL file of chat completion requests as a batch and follow it, or
 * look at, cancel and list batches, through a running ingress's Batch API. Exits 0 on success, 1
 * when the API refused or the batch did not complete, 2 on usage errors.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Submit, follow, cancel and list batches through a running ingress's Batch API.",
        subcommands = {BatchCommand.Submit.class, BatchCommand.Status.class, BatchCommand.Cancel.class,
            BatchCommand.ListBatches.class})
public final class BatchCommand extends io.sluice.app.GroupCommand {
    /** Statuses after which a batch changes no more. */
    static final Set<String> FINAL = Set.of("completed", "failed", "expired", "cancelled");

    /** Where the ingress is and which API key to use. */
    static final class Target {
        @Option(names = "--url", defaultValue = "${env:SLUICE_URL:-http://127.0.0.1:8080}",
                description = "The ingress's base URL (default: $SLUICE_URL or ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--api-key", defaultValue = "${env:SLUICE_API_KEY}",
                description = "A tenant's API key (default: $SLUICE_API_KEY, which keeps it out of shell history).")
        String apiKey;

        int run(CommandSpec spec, Call call) throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            if (apiKey == null || apiKey.isBlank()) {
                err.println("give --api-key or set SLUICE_API_KEY to a tenant's API key");
                return 2;
            }
            try {
                return call.on(new BatchClient(url, apiKey), spec.commandLine().getOut(), err);
            } catch (IOException e) {
                err.println("batch request failed: " + e.getMessage());
                return 1;
            }
        }
    }

    interface Call {
        int on(BatchClient client, PrintWriter out, PrintWriter err) throws IOException, InterruptedException;
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Upload a JSONL file and create a batch of /v1/chat/completions requests; prints its id.")
    static final class Submit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "One request per line, OpenAI batch format.")
        Path file;

        @Option(names = "--completion-window", defaultValue = "24h",
                description = "How long the batch may take (default: ${DEFAULT-VALUE}).")
        String completionWindow;

        @Option(names = "--wait", description = "Follow the batch with a progress bar and download its results.")
        boolean await;

        @Option(names = "--output", paramLabel = "FILE",
                description = "Where --wait writes the results (default: FILE with .output.jsonl).")
        Path output;

        @Option(names = "--poll-interval", defaultValue = "2s", converter = DurationConverter.class,
                description = "How often --wait asks for the batch's state (default: ${DEFAULT-VALUE}).")
        Duration pollInterval;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println("no such file: " + file);
                return 2;
            }
            return target.run(spec, (client, out, err) -> {
                JsonNode uploaded = client.upload(file.getFileName().toString(), Files.readAllBytes(file));
                JsonNode batch = client.create(uploaded.path("id").asText(), completionWindow);
                String id = batch.path("id").asText();
                out.println(id);
                out.flush();
                return await ? follow(client, id, err) : 0;
            });
        }

        private int follow(BatchClient client, String id, PrintWriter err) throws IOException, InterruptedException {
            JsonNode batch = client.get("/v1/batches/" + id);
            while (true) {
                JsonNode counts = batch.path("request_counts");
                String status = batch.path("status").asText();
                err.print("\r" + ProgressBar.render(counts.path("completed").asLong() + counts.path("failed").asLong(),
                        counts.path("total").asLong(), status));
                err.flush();
                if (FINAL.contains(status)) {
                    break;
                }
                Thread.sleep(pollInterval.toMillis());
                batch = client.get("/v1/batches/" + id);
            }
            err.println();
            Path results = output != null ? output : sibling(file, ".output.jsonl");
            if (batch.hasNonNull("output_file_id")) {
                Files.write(results, client.content(batch.get("output_file_id").asText()));
                err.println("results written to " + results);
            }
            if (batch.hasNonNull("error_file_id")) {
                Path errors = sibling(results, ".errors.jsonl");
                Files.write(errors, client.content(batch.get("error_file_id").asText()));
                err.println("errors written to " + errors);
            }
            String status = batch.path("status").asText();
            if (!status.equals("completed")) {
                err.println("batch " + id + " ended " + status);
                return 1;
            }
            return 0;
        }

        /** {@code requests.jsonl} with {@code suffix} instead of its {@code .jsonl}, next to it. */
        static Path sibling(Path path, String suffix) {
            String name = path.getFileName().toString();
            String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
            return path.resolveSibling(stem + suffix);
        }
    }

    /** A command about one batch: asks the API and prints its JSON answer. */
    abstract static class OneBatch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        abstract JsonNode ask(BatchClient client) throws IOException, InterruptedException;

        @Override
        public Integer call() throws Exception {
            return target.run(spec, (client, out, err) -> print(out, ask(client)));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A batch's state as the API gives it.")
    static final class Status extends OneBatch {
        @Override
        JsonNode ask(BatchClient client) throws IOException, InterruptedException {
            return client.get("/v1/batches/" + id);
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a batch.")
    static final class Cancel extends OneBatch {
        @Override
        JsonNode ask(BatchClient client) throws IOException, InterruptedException {
            return client.cancel(id);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The tenant's batches, newest first.")
    static final class ListBatches implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() throws Exception {
            return target.run(spec, (client, out, err) -> {
                for (JsonNode batch : client.get("/v1/batches?limit=" + limit).path("data")) {
                    JsonNode counts = batch.path("request_counts");
                    out.println(batch.path("id").asText() + "  " + batch.path("status").asText() + "  "
                            + (counts.path("completed").asLong() + counts.path("failed").asLong()) + "/"
                            + counts.path("total").asLong() + "  created_at=" + batch.path("created_at").asLong());
                }
                return 0;
            });
        }
    }

    private static int print(PrintWriter out, JsonNode json) {
        out.println(json.toPrettyString());
        return 0;
    }

    /** Reads {@code 2s}, {@code 500ms}, {@code 1m}: the durations of {@code sluice.yaml}. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return io.sluice.app.config.DurationDeserializer.parse(value.trim());
        }
    }
}
