package io.sluice.processors.invoker;

import io.sluice.avro.OutputFilter;
import io.sluice.processors.sanitize.Finding;
import io.sluice.processors.sanitize.PlaceholderRestorer;
import io.sluice.processors.sanitize.pii.MaskStyle;
import io.sluice.processors.sanitize.pii.Masker;
import io.sluice.processors.sanitize.pii.PiiDetector;
import io.sluice.processors.sanitize.pii.StreamingFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the invoker does to an answer, as the gateway's sanitize stage decided for the request
 * ({@link OutputFilter}): personal data and secrets the model produced are masked (or only
 * counted), then the placeholders the stage put into the prompt are replaced by the requester's
 * own values. Streamed answers get the same result chunk by chunk: the streamed pieces add up to
 * exactly what {@link #whole} makes of the whole text.
 */
final class AnswerFilter {
    /** How far back a match may start in earlier chunks: longer than any single finding we look for. */
    static final int LOOK_BEHIND = 256;
    /** What answers are searched for when the policy names no types: structured data and secrets, not names. */
    private static final Set<String> ALL_TYPES = Set.of("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS",
            "SECRET");

    private final PiiDetector detector;
    private final boolean mask;
    private final boolean look;
    private final MaskStyle style;
    private final Set<String> types;
    private final Map<String, String> restore;

    private AnswerFilter(PiiDetector detector, OutputFilter directive) {
        this.detector = detector;
        this.mask = "MASK".equals(directive.getAction());
        this.look = mask || "FLAG".equals(directive.getAction());
        this.style = "PSEUDONYM".equals(directive.getStyle()) ? MaskStyle.PSEUDONYM : MaskStyle.REDACT;
        this.types = directive.getTypes().isEmpty() ? ALL_TYPES : Set.copyOf(directive.getTypes());
        this.restore = Map.copyOf(directive.getRestore());
    }

    /** The filter of an invocation, or null when its answer passes as it is. */
    static AnswerFilter of(OutputFilter directive, PiiDetector detector) {
        return directive == null ? null : new AnswerFilter(detector, directive);
    }

    /** An answer as filtered, and what it held ({@code pii.TYPE.rule} to count; empty when not looking). */
    record Filtered(String text, Map<String, Integer> findings) {}

    /** The whole answer, filtered, with one scan for both the masking and the audit counts. */
    Filtered whole(String text) {
        List<Finding> found = look ? detector.find(text, types) : List.of();
        var counts = new TreeMap<String, Integer>();
        for (Finding finding : found) {
            counts.merge(finding.detector() + "." + finding.type() + "." + finding.ruleId(), 1, Integer::sum);
        }
        String masked = mask && !found.isEmpty() ? Masker.mask(text, found, style).text() : text;
        return new Filtered(restore.isEmpty() ? masked : PlaceholderRestorer.restore(masked, restore), counts);
    }

    /** A new per-stream pipeline. */
    ChunkTransform streaming() {
        StreamingFilter filter = mask ? new StreamingFilter(detector, types, style, null, LOOK_BEHIND) : null;
        PlaceholderRestorer restorer = restore.isEmpty() ? null : new PlaceholderRestorer(restore);
        return new ChunkTransform() {
            @Override
            public String accept(String chunk) {
                String out = filter == null ? chunk : filter.accept(chunk);
                return restorer == null ? out : restorer.accept(out);
            }

            @Override
            public String finish() {
                String out = filter == null ? "" : filter.finish();
                if (restorer == null) {
                    return out;
                }
                return restorer.accept(out) + restorer.finish();
            }
        };
    }

    /** A transformation of a stream of text, fed in order. */
    interface ChunkTransform {
        String accept(String chunk);

        String finish();
    }
}
