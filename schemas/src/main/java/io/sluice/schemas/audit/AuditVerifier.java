package io.sluice.schemas.audit;

import io.sluice.avro.AuditEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks an audit trail, fed in the order it was stored, against its per-tenant hash chains and
 * names every altered, dropped, duplicated or reordered event.
 *
 * <p>An event whose hash does not match its content was altered; an event whose
 * {@code previousHash} is not the hash of the event before it in its chain means that one was
 * altered and re-hashed. A sequence number seen later than a higher one was moved; one never seen
 * by the end was dropped; an event id or sequence number seen twice was duplicated. State is kept
 * per tenant, and beyond the head only around gaps, so a long trail is checked in little memory.
 * Events cut from the end of a chain leave no trace inside the trail: compare the printed heads
 * with heads recorded earlier to catch that.
 */
public final class AuditVerifier {
    /** What is wrong with one event. */
    public enum Kind { ALTERED, DROPPED, DUPLICATED, REORDERED, UNCHAINED }

    /** One finding: {@code where} is the event's position in the trail (topic-partition@offset, row number). */
    public record Problem(String tenantId, Kind kind, long sequence, String eventId, String where, String detail) {
        @Override
        public String toString() {
            return "%s tenant=%s sequence=%d event=%s at %s: %s".formatted(kind, tenantId, sequence, eventId, where, detail);
        }
    }

    /** The last event of a tenant's chain. */
    public record Head(String tenantId, long events, long sequence, String hash) {}

    /** The outcome: the heads of all chains and the problems found, in trail order. */
    public record Report(List<Head> heads, List<Problem> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private final Map<String, Chain> chains = new TreeMap<>();
    private final List<Problem> problems = new ArrayList<>();

    /** Takes the next event of the trail, stored at {@code where}. */
    public void accept(AuditEvent event, String where) {
        String tenant = event.getTenantId();
        Chain chain = chains.computeIfAbsent(tenant, t -> new Chain());
        long seq = event.getSequence();
        if (seq <= 0 || event.getHash() == null) {
            problems.add(new Problem(tenant, Kind.UNCHAINED, seq, event.getEventId(), where, "the event carries no chain position"));
            return;
        }
        chain.events++;
        if (!AuditHashes.matches(event)) {
            problems.add(new Problem(tenant, Kind.ALTERED, seq, event.getEventId(), where,
                    "its content does not match its hash"));
        }
        if (!chain.eventIds.add(event.getEventId())) {
            problems.add(new Problem(tenant, Kind.DUPLICATED, seq, event.getEventId(), where,
                    "event id seen before in this trail"));
            return;
        }
        if (seq == chain.expected) {
            link(chain, event, chain.lastHash, where);
            chain.advance(event);
        } else if (seq > chain.expected) {
            for (long missing = chain.expected; missing < seq; missing++) {
                chain.missing.add(missing);
            }
            chain.hashBefore.put(chain.expected - 1, chain.lastHash);
            chain.previousAfter.put(seq, event.getPreviousHash());
            chain.advance(event);
        } else if (chain.missing.remove(seq)) {
            problems.add(new Problem(tenant, Kind.REORDERED, seq, event.getEventId(), where,
                    "stored after sequence " + (chain.expected - 1)));
            String before = chain.hashBefore.get(seq - 1);
            if (before != null) {
                link(chain, event, before, where);
            }
            chain.hashBefore.put(seq, event.getHash());
            String nextPrevious = chain.previousAfter.get(seq + 1);
            if (nextPrevious != null && !nextPrevious.equals(event.getHash())) {
                problems.add(new Problem(tenant, Kind.ALTERED, seq, event.getEventId(), where,
                        "the next event's previousHash does not match this event"));
            }
            chain.previousAfter.put(seq, event.getPreviousHash());
        } else {
            problems.add(new Problem(tenant, Kind.DUPLICATED, seq, event.getEventId(), where,
                    "sequence number seen before under another event id"));
        }
    }

    private void link(Chain chain, AuditEvent event, String previousHash, String where) {
        if (!Objects.equals(event.getPreviousHash(), previousHash)) {
            problems.add(new Problem(event.getTenantId(), Kind.ALTERED, event.getSequence() - 1, "?", where,
                    "event " + event.getSequence() + " does not follow the stored event " + (event.getSequence() - 1)
                            + ": that one was altered and re-hashed, or replaced"));
        }
    }

    /** The heads and problems of everything accepted; events never seen below a chain's head are reported dropped. */
    public Report finish() {
        var all = new ArrayList<>(problems);
        var heads = new ArrayList<Head>();
        chains.forEach((tenant, chain) -> {
            for (long seq : chain.missing) {
                all.add(new Problem(tenant, Kind.DROPPED, seq, "?", "-", "sequence " + seq + " is missing from the trail"));
            }
            heads.add(new Head(tenant, chain.events, chain.expected - 1, chain.lastHash));
        });
        return new Report(heads, all);
    }

    private static final class Chain {
        long expected = 1;
        long events;
        String lastHash;
        final Set<String> eventIds = new HashSet<>();
        final TreeSet<Long> missing = new TreeSet<>();
        /** Hash of the event just before a gap, by its sequence: checks a late event's previousHash. */
        final Map<Long, String> hashBefore = new HashMap<>();
        /** previousHash of the event just after a gap, by its sequence: checks a late event's hash. */
        final Map<Long, String> previousAfter = new HashMap<>();

        void advance(AuditEvent event) {
            expected = event.getSequence() + 1;
            lastHash = event.getHash();
        }
    }
}
