package io.sluice.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.schemas.audit.AuditVerifier.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditVerifierTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    /** A chain of {@code n} events of {@code tenant}, hashed as the audit chain hashes them. */
    static List<AuditEvent> chain(String tenant, int n) {
        List<AuditEvent> events = new ArrayList<>();
        String previous = null;
        for (int i = 1; i <= n; i++) {
            AuditEvent event = AuditEvent.newBuilder()
                    .setEventId("req-" + tenant + "-" + i + ":RESPONDED")
                    .setRequestId("req-" + tenant + "-" + i)
                    .setTenantId(tenant)
                    .setStage("invoker")
                    .setAction(AuditAction.RESPONDED)
                    .setOutcome(true)
                    .setCostMicros(100L * i)
                    .setTimestamp(T0.plusSeconds(i))
                    .setDetails(Map.of("providerMs", String.valueOf(i)))
                    .setFindings(Map.of("pii.email", i % 3))
                    .setSequence(i)
                    .setPreviousHash(previous)
                    .build();
            event.setHash(AuditHashes.hash(event, previous));
            previous = event.getHash();
            events.add(event);
        }
        return events;
    }

    private static AuditVerifier.Report verify(List<AuditEvent> trail) {
        var verifier = new AuditVerifier();
        for (int i = 0; i < trail.size(); i++) {
            verifier.accept(trail.get(i), "#" + i);
        }
        return verifier.finish();
    }

    @Test
    void anUntouchedTrailOfTwoInterleavedTenantsIsIntact() {
        List<AuditEvent> a = chain("acme", 20);
        List<AuditEvent> b = chain("globex", 7);
        List<AuditEvent> trail = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            trail.add(a.get(i));
            if (i < 7) {
                trail.add(b.get(i));
            }
        }
        AuditVerifier.Report report = verify(trail);
        assertThat(report.intact()).as(report.problems().toString()).isTrue();
        assertThat(report.heads()).extracting(AuditVerifier.Head::tenantId, AuditVerifier.Head::sequence,
                AuditVerifier.Head::hash).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("acme", 20L, a.get(19).getHash()),
                        org.assertj.core.groups.Tuple.tuple("globex", 7L, b.get(6).getHash()));
    }

    @Test
    void aChangedFieldIsAltered() {
        List<AuditEvent> trail = chain("acme", 10);
        trail.get(4).setCostMicros(1L);
        assertThat(verify(trail).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.ALTERED);
            assertThat(p.sequence()).isEqualTo(5);
        });
    }

    @Test
    void aChangedDetailOrFindingIsAltered() {
        List<AuditEvent> trail = chain("acme", 5);
        trail.get(1).setDetails(Map.of("providerMs", "999"));
        trail.get(3).setFindings(Map.of("pii.email", 0, "pii.phone", 1));
        assertThat(verify(trail).problems()).extracting(AuditVerifier.Problem::kind, AuditVerifier.Problem::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.ALTERED, 2L),
                        org.assertj.core.groups.Tuple.tuple(Kind.ALTERED, 4L));
    }

    @Test
    void anEventAlteredAndRehashedBreaksTheLinkToTheNext() {
        List<AuditEvent> trail = chain("acme", 6);
        AuditEvent forged = trail.get(2);
        forged.setCostMicros(0L);
        forged.setHash(AuditHashes.hash(forged, forged.getPreviousHash()));
        assertThat(verify(trail).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.ALTERED);
            assertThat(p.sequence()).isEqualTo(3);
            assertThat(p.detail()).contains("does not follow");
        });
    }

    @Test
    void aDeletedEventIsDropped() {
        List<AuditEvent> trail = chain("acme", 8);
        trail.remove(3);
        assertThat(verify(trail).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.DROPPED);
            assertThat(p.sequence()).isEqualTo(4);
        });
    }

    @Test
    void twoSwappedEventsAreReorderedAndNothingElse() {
        List<AuditEvent> trail = chain("acme", 8);
        Collections.swap(trail, 2, 3);
        assertThat(verify(trail).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.REORDERED);
            assertThat(p.sequence()).isEqualTo(3);
        });
    }

    @Test
    void aRepeatedEventIsDuplicated() {
        List<AuditEvent> trail = chain("acme", 5);
        trail.add(AuditEvent.newBuilder(trail.get(1)).build());
        assertThat(verify(trail).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.DUPLICATED);
            assertThat(p.sequence()).isEqualTo(2);
        });
    }

    @Test
    void anEventWithoutAChainPositionIsUnchained() {
        List<AuditEvent> trail = chain("acme", 3);
        AuditEvent raw = AuditEvent.newBuilder(trail.get(0)).setEventId("x:OTHER").setSequence(0).setHash(null).build();
        trail.add(raw);
        assertThat(verify(trail).problems()).extracting(AuditVerifier.Problem::kind).containsExactly(Kind.UNCHAINED);
    }

    @Test
    void tamperingDeletingAndSwappingInOneTrailAreEachNamed() {
        List<AuditEvent> trail = chain("acme", 30);
        trail.get(5).setReason("edited");
        trail.remove(15);
        Collections.swap(trail, 24, 25);
        assertThat(verify(trail).problems()).extracting(AuditVerifier.Problem::kind, AuditVerifier.Problem::sequence)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Kind.ALTERED, 6L),
                        org.assertj.core.groups.Tuple.tuple(Kind.DROPPED, 16L),
                        org.assertj.core.groups.Tuple.tuple(Kind.REORDERED, 26L));
    }

    @Test
    void theHashIgnoresFieldsAtTheirDefaultsSoALaterOptionalFieldKeepsOldHashes() {
        AuditEvent event = chain("acme", 1).get(0);
        String hash = AuditHashes.hash(event, null);
        event.setPromptVersion(null);
        event.setMaskedPrompt(null);
        assertThat(AuditHashes.hash(event, null)).isEqualTo(hash);
        event.setPromptVersion("v2");
        assertThat(AuditHashes.hash(event, null)).isNotEqualTo(hash);
        assertThat(AuditHashes.hash(chain("acme", 1).get(0), "00")).isNotEqualTo(hash);
    }
}
