package io.sluice.app.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.processors.sanitize.Finding;
import io.sluice.processors.sanitize.injection.InjectionDetector;
import io.sluice.processors.sanitize.injection.InjectionVerdict;
import io.sluice.processors.sanitize.pii.PiiDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sluice scan}: runs one detector over a JSONL file of {@code {"text": ...}} lines and prints a
 * verdict per line (as JSON) and a summary. Lines that carry labels ({@code label} for injection,
 * {@code entities} with offsets for PII) are scored: TPR and FPR, or precision and recall per type.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Run a detector over a JSONL file ({\"text\": ...} per line) and print verdicts and a summary.")
public final class ScanCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--detector", required = true, description = "injection or pii")
    String detector;

    @Option(names = "--threshold", description = "injection: flagged at or above this score (default: ${DEFAULT-VALUE})")
    double threshold = InjectionDetector.DEFAULT_THRESHOLD;

    @Option(names = "--quiet", description = "print only the summary")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "one JSON object per line with a \"text\" field")
    Path file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String which = detector.toLowerCase(Locale.ROOT);
        if (!which.equals("injection") && !which.equals("pii")) {
            err.println("--detector must be injection or pii");
            return 2;
        }
        var injection = which.equals("injection") ? InjectionDetector.standard() : null;
        var pii = which.equals("pii") ? PiiDetector.standard() : null;
        var evaluation = new Evaluation();
        int lineNo = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode input;
                try {
                    input = JSON.readTree(line);
                } catch (IOException e) {
                    err.println(file + ":" + lineNo + ": not JSON: " + e.getMessage());
                    return 2;
                }
                JsonNode text = input.get("text");
                if (text == null || !text.isTextual()) {
                    err.println(file + ":" + lineNo + ": no \"text\" string");
                    return 2;
                }
                ObjectNode verdict = JSON.createObjectNode().put("line", lineNo);
                if (injection != null) {
                    InjectionVerdict v = injection.scan(text.asText());
                    boolean flagged = v.flagged(threshold);
                    verdict.put("flagged", flagged).put("score", Math.round(v.score() * 1000) / 1000.0);
                    var signals = verdict.putArray("signals");
                    v.signals().forEach(s -> signals.add(s.id()));
                    spans(verdict, v.findings());
                    evaluation.injection(input, flagged);
                } else {
                    List<Finding> findings = pii.find(text.asText());
                    spans(verdict, findings);
                    evaluation.pii(input, findings);
                }
                if (!quiet) {
                    out.println(verdict);
                }
            }
        }
        evaluation.print(out, which);
        out.flush();
        return 0;
    }

    private static void spans(ObjectNode verdict, List<Finding> findings) {
        var spans = verdict.putArray("spans");
        for (Finding f : findings) {
            spans.addObject().put("type", f.type()).put("rule", f.ruleId()).put("start", f.start()).put("end", f.end());
        }
    }
}
