package io.sluice.processors.observe;

import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.processors.sanitize.pii.MaskStyle;
import io.sluice.processors.sanitize.pii.Masker;
import io.sluice.processors.sanitize.pii.PiiDetector;
import io.sluice.processors.stores.Sweeps;
import io.sluice.schemas.audit.AuditHashes;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends each raw audit event to its tenant's hash chain, once. Components write
 * {@code audit.raw} at least once (a crash repeats what was not committed), so an event whose id
 * was chained before is dropped; and a request's final outcome is recorded once, so a second
 * outcome event for a request (a replay that ended differently) is chained as a plain event
 * marked {@code superseded}. The chain heads and what was seen live in stores whose changelogs
 * commit with the output, so under exactly-once the chain has no gap and no repeat across
 * restarts. What was seen is forgotten after a retention; a duplicate later than that is chained
 * again, and {@code sluice audit verify} names it.
 *
 * <p>Text that reaches the trail (a feedback comment, a prompt or completion a tenant's policy lets
 * through) is masked here, before it is hashed, so personal data never enters the chain.
 */
final class AuditChain implements Processor<String, AuditEvent, String, AuditEvent> {
    static final String HEADS = "audit-heads";
    static final String SEEN = "audit-seen";
    private static final int OUTCOME_BIT = 30;
    private static final int OTHER_ID_BIT = 31;
    private static final int SWEEP_SLICE = 10_000;

    private final PiiDetector pii = PiiDetector.standard();
    private final Clock clock;
    private final Duration retention;
    private ProcessorContext<String, AuditEvent> context;
    private KeyValueStore<String, String> heads;
    private KeyValueStore<String, Long> seen;
    private String sweepCursor;

    AuditChain(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, AuditEvent> context) {
        this.context = context;
        this.heads = context.getStateStore(HEADS);
        this.seen = context.getStateStore(SEEN);
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, AuditEvent> record) {
        AuditEvent event = record.value();
        if (event == null || event.getTenantId() == null) {
            return;
        }
        long now = clock.millis();
        String seenKey = seenKey(event);
        int bit = seenKey.startsWith("id:") ? OTHER_ID_BIT : event.getAction().ordinal();
        Long entry = seen.get(seenKey);
        int mask = entry == null ? 0 : mask(entry);
        if ((mask & (1 << bit)) != 0) {
            return;
        }
        mask |= 1 << bit;
        var chained = AuditEvent.newBuilder(event);
        maskText(chained);
        if (event.getOutcome()) {
            String requestKey = event.getRequestId();
            Long requestEntry = requestKey.equals(seenKey) ? entry : seen.get(requestKey);
            int requestMask = requestKey.equals(seenKey) ? mask : requestEntry == null ? 0 : mask(requestEntry);
            if ((requestMask & (1 << OUTCOME_BIT)) != 0) {
                chained.setOutcome(false);
                var details = new java.util.TreeMap<>(chained.getDetails());
                details.put("superseded", "true");
                chained.setDetails(details);
            } else if (requestKey.equals(seenKey)) {
                mask |= 1 << OUTCOME_BIT;
            } else {
                seen.put(requestKey, entry(requestEntry == null ? now : since(requestEntry),
                        requestMask | (1 << OUTCOME_BIT)));
            }
        }
        seen.put(seenKey, entry(entry == null ? now : since(entry), mask));

        String head = heads.get(event.getTenantId());
        long sequence = head == null ? 1 : Long.parseLong(head.substring(0, head.indexOf(' '))) + 1;
        String previous = head == null ? null : head.substring(head.indexOf(' ') + 1);
        AuditEvent out = chained.setSequence(sequence).setPreviousHash(previous).setHash(null).build();
        out.setHash(AuditHashes.hash(out, previous));
        heads.put(event.getTenantId(), sequence + " " + out.getHash());
        context.forward(record.withValue(out));
    }

    private void maskText(AuditEvent.Builder event) {
        String comment = event.getDetails().get("comment");
        if (comment != null) {
            var details = new java.util.TreeMap<>(event.getDetails());
            details.put("comment", mask(comment));
            event.setDetails(details);
        }
        if (event.getMaskedPrompt() != null) {
            event.setMaskedPrompt(mask(event.getMaskedPrompt()));
        }
        if (event.getMaskedCompletion() != null) {
            event.setMaskedCompletion(mask(event.getMaskedCompletion()));
        }
    }

    private String mask(String text) {
        return Masker.mask(text, pii.find(text), MaskStyle.REDACT).text();
    }

    /** Events named {@code <requestId>:<ACTION>} share one entry per request, a bit per action; others have their own. */
    private static String seenKey(AuditEvent event) {
        String id = event.getEventId();
        String requestId = event.getRequestId();
        AuditAction action = event.getAction();
        if (id.length() == requestId.length() + 1 + action.name().length() && id.startsWith(requestId)
                && id.charAt(requestId.length()) == ':' && id.endsWith(action.name())) {
            return requestId;
        }
        return "id:" + id;
    }

    /** First-seen time in the high 32 bits (seconds), the action mask in the low 32. */
    private static long entry(long sinceMillis, int mask) {
        return ((sinceMillis / 1000) << 32) | (mask & 0xffffffffL);
    }

    private static long since(long entry) {
        return (entry >>> 32) * 1000;
    }

    private static int mask(long entry) {
        return (int) entry;
    }

    private void sweep(long now) {
        long horizon = now - retention.toMillis();
        sweepCursor = Sweeps.sweep(seen, sweepCursor, SWEEP_SLICE, (key, value) -> since(value) < horizon);
    }
}
