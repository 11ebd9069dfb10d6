package io.sluice.sinks.postgres;

import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.CostRecord;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Timings;
import io.sluice.avro.Usage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure mapping of Sluice's records to table rows: enums as their names, instants as UTC
 * {@code timestamptz}, audit details as a JSON object. Text never carries a NUL character, which
 * PostgreSQL refuses: it becomes U+FFFD rather than a record that could never be written. Error
 * messages are not landed (they may quote a provider's text); their type, code and status are.
 */
final class Rows {
    private Rows() {}

    static Row audit(AuditEvent e) {
        return new Row(Table.AUDIT_EVENTS, Arrays.asList(
                text(e.getEventId()), text(e.getRequestId()), text(e.getTenantId()), text(e.getAppId()),
                text(e.getUser()), text(e.getApiKeyId()), text(e.getStage()), e.getAction().name(), e.getOutcome(),
                text(e.getReason()), text(e.getRequestedModel()), text(e.getResolvedModel()), text(e.getProvider()),
                text(e.getDeployment()), text(e.getRegion()), e.getPromptTokens(), e.getCompletionTokens(),
                e.getCostMicros(), e.getLatencyMs(), e.getHttpStatus(), time(e.getTimestamp()),
                json(e.getDetails()), text(e.getCache()), text(e.getServedModel()), json(counts(e.getFindings())), text(e.getPromptName()),
                text(e.getPromptVersion()), time(e.getReceivedAt()), text(e.getMaskedPrompt()),
                text(e.getMaskedCompletion()), e.getSequence(), text(e.getPreviousHash()), text(e.getHash())));
    }

    private static Map<String, String> counts(Map<String, Integer> findings) {
        var out = new TreeMap<String, String>();
        if (findings != null) {
            findings.forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }

    static Row response(AiResponse r) {
        Usage usage = r.getUsage();
        Timings t = r.getTimings();
        ErrorInfo error = r.getError();
        return new Row(Table.RESPONSES, Arrays.asList(
                text(r.getRequestId()), text(r.getTenantId()), text(r.getAppId()), text(r.getApiKeyId()),
                r.getStatus().name(), text(r.getModel()), text(r.getResponseModel()), text(r.getServedModel()),
                text(r.getProvider()), text(r.getDeployment()), text(r.getRegion()), r.getPriority().name(),
                r.getAttempts(),
                usage == null ? null : usage.getPromptTokens(),
                usage == null ? null : usage.getCompletionTokens(),
                usage == null ? null : usage.getTotalTokens(),
                usage == null ? null : usage.getCachedPromptTokens(),
                usage == null ? null : usage.getEstimated(),
                r.getCostMicros(), r.getSavedCostMicros(), text(r.getCache()),
                time(Instant.ofEpochSecond(r.getCreated())), time(t.getReceivedAt()), time(t.getAdmittedAt()),
                time(t.getInvokeStartedAt()), time(t.getFirstByteAt()), time(t.getCompletedAt()), t.getProviderNanos(),
                error == null ? null : text(error.getType()),
                error == null ? null : text(error.getCode()),
                error == null ? null : error.getHttpStatus()));
    }

    static Row cost(CostRecord c) {
        Table table = switch (c.getGranularity()) {
            case HOUR -> Table.COSTS_HOURLY;
            case DAY -> Table.COSTS_DAILY;
        };
        return new Row(table, Arrays.asList(
                text(c.getTenantId()), text(c.getAppId()), text(c.getModel()), time(c.getPeriodStart()), c.getRevision(),
                c.getRequests(), c.getErrors(), c.getCacheHits(), c.getPromptTokens(), c.getCompletionTokens(),
                c.getCachedPromptTokens(), c.getCostMicros(), c.getSavedMicros(), time(c.getUpdatedAt())));
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static String text(CharSequence value) {
        return value == null ? null : value.toString().replace('\u0000', '\uFFFD');
    }

    /** A JSON object of string values, keys sorted so that the same details always give the same text. */
    static String json(Map<? extends CharSequence, ? extends CharSequence> details) {
        var sorted = new TreeMap<String, String>();
        if (details != null) {
            details.forEach((k, v) -> sorted.put(k.toString(), v == null ? null : v.toString()));
        }
        var out = new StringBuilder("{");
        sorted.forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(k, out);
            out.append(':');
            if (v == null) {
                out.append("null");
            } else {
                quote(v, out);
            }
        });
        return out.append('}').toString();
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u0000' -> out.append('\uFFFD');
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
