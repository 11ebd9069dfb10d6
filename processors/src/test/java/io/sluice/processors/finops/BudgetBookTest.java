package io.sluice.processors.finops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.Alert;
import io.sluice.avro.BudgetStatus;
import io.sluice.processors.TestStores;
import io.sluice.processors.finops.BudgetBook.Refusal;
import io.sluice.processors.finops.BudgetRule.Period;
import io.sluice.processors.finops.Ledger.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** Hard and soft budgets: worst-case reservations, settlement by actual cost, alerts and expiry. */
class BudgetBookTest {
    private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");
    private static final Duration RESERVATION_TIMEOUT = Duration.ofMinutes(15);
    private static final BudgetRule HARD_DAY = new BudgetRule(null, Period.DAY, 1_000_000, true);

    private final List<Alert> alerts = new ArrayList<>();

    private static BudgetBook book(Map<String, List<BudgetRule>> budgets) {
        var settings = new FinopsSettings(budgets, null, null, FinopsSettings.DEFAULT_MAX_TOKENS, RESERVATION_TIMEOUT,
                null, null);
        return new BudgetBook(settings,
                TestStores.open("budgets", Serdes.String(), Ledger.budgetSerde()),
                TestStores.open("reservations", Serdes.String(), Ledger.reservationSerde()),
                TestStores.open("settled", Serdes.String(), Serdes.Long()),
                new Dirty(TestStores.open("finops-dirty", Serdes.String(), Serdes.Long())));
    }

    private static BudgetStatus status(BudgetBook book, String tenant, BudgetRule rule, Instant at) {
        return book.status(BudgetBook.key(tenant, rule, at), at);
    }

    private Refusal reserve(BudgetBook book, String requestId, long worstCase) {
        return book.reserve("acme", null, requestId, worstCase, T0, T0);
    }

    private boolean settle(BudgetBook book, String requestId, long cost) {
        return book.settle(requestId, "acme", null, cost, T0, T0, alerts::add);
    }

    @Test
    void aRequestWhoseWorstCaseFitsIsReserved() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));

        assertThat(reserve(book, "r1", 400_000)).isNull();

        BudgetStatus status = status(book, "acme", HARD_DAY, T0);
        assertThat(status.getReservedMicros()).isEqualTo(400_000);
        assertThat(status.getCommittedMicros()).isZero();
        assertThat(status.getPeriodStart()).isEqualTo(Instant.parse("2025-03-04T00:00:00Z"));
        assertThat(status.getPeriodEnd()).isEqualTo(Instant.parse("2025-03-05T00:00:00Z"));
    }

    @Test
    void aWorstCaseThatExactlyFillsTheBudgetFits() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));

        assertThat(reserve(book, "r1", 600_000)).isNull();
        assertThat(reserve(book, "r2", 400_000)).isNull();
    }

    @Test
    void aHardBudgetRefusesWhenCommittedPlusReservedPlusTheWorstCaseExceedsIt() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));
        reserve(book, "r1", 300_000);
        settle(book, "r1", 300_000);
        reserve(book, "r2", 300_000);

        Refusal refusal = reserve(book, "r3", 400_001);

        assertThat(refusal).isNotNull();
        assertThat(refusal.rule()).isEqualTo(HARD_DAY);
        assertThat(refusal.message()).isEqualTo("The organization's daily budget of $1.000000 cannot cover this "
                + "request (up to $0.400001; $0.400000 left).");
        assertThat(status(book, "acme", HARD_DAY, T0).getReservedMicros()).as("nothing reserved for r3")
                .isEqualTo(300_000);
    }

    @Test
    void onlyTheFirstRefusalInAPeriodAlertsAtOneHundredPercent() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));

        Refusal first = reserve(book, "r1", 2_000_000);
        Refusal second = reserve(book, "r2", 2_000_000);

        assertThat(first.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.getKind()).isEqualTo("budget_threshold");
            assertThat(alert.getDetails()).containsEntry("thresholdPercent", "100").containsEntry("hard", "true");
        });
        assertThat(second).isNotNull();
        assertThat(second.alerts()).isEmpty();
    }

    @Test
    void aSoftBudgetNeverRefuses() {
        BudgetRule soft = new BudgetRule(null, Period.DAY, 1_000, false);
        BudgetBook book = book(Map.of("acme", List.of(soft)));

        assertThat(reserve(book, "r1", 5_000)).isNull();
        assertThat(reserve(book, "r2", 5_000)).isNull();
        assertThat(status(book, "acme", soft, T0).getReservedMicros()).isEqualTo(10_000);
    }

    @Test
    void settlingReleasesTheReservationAndCommitsTheActualCost() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));
        reserve(book, "r1", 400_000);
        reserve(book, "r2", 100_000);

        assertThat(settle(book, "r1", 120_000)).isTrue();

        BudgetStatus status = status(book, "acme", HARD_DAY, T0);
        assertThat(status.getCommittedMicros()).isEqualTo(120_000);
        assertThat(status.getReservedMicros()).isEqualTo(100_000);
    }

    @Test
    void settlingTheSameResponseTwiceChangesNothing() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));
        reserve(book, "r1", 400_000);
        reserve(book, "r2", 100_000);
        settle(book, "r1", 120_000);

        assertThat(settle(book, "r1", 120_000)).isFalse();

        BudgetStatus status = status(book, "acme", HARD_DAY, T0);
        assertThat(status.getCommittedMicros()).isEqualTo(120_000);
        assertThat(status.getReservedMicros()).isEqualTo(100_000);
    }

    @Test
    void aReplayedRequestReservesOnce() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));

        reserve(book, "r1", 400_000);
        reserve(book, "r1", 400_000);

        assertThat(status(book, "acme", HARD_DAY, T0).getReservedMicros()).isEqualTo(400_000);
    }

    @Test
    void aRequestReplayedAfterItsSettlementReservesNothing() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));
        reserve(book, "r1", 400_000);
        settle(book, "r1", 100_000);

        assertThat(reserve(book, "r1", 400_000)).isNull();

        assertThat(status(book, "acme", HARD_DAY, T0).getReservedMicros()).isZero();
    }

    @Test
    void eachThresholdAlertsExactlyOncePerPeriod() {
        BudgetRule soft = new BudgetRule(null, Period.DAY, 1_000, false);
        BudgetBook book = book(Map.of("acme", List.of(soft)));

        settle(book, "r1", 499);
        assertThat(alerts).isEmpty();
        settle(book, "r2", 1);
        settle(book, "r3", 200);
        settle(book, "r4", 99);
        assertThat(alerts).extracting(a -> a.getDetails().get("thresholdPercent")).containsExactly("50");
        settle(book, "r5", 1);
        settle(book, "r6", 300);
        settle(book, "r7", 500);

        assertThat(alerts).extracting(a -> a.getDetails().get("thresholdPercent")).containsExactly("50", "80", "100");
        assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();
        assertThat(alerts.get(1).getDetails()).containsEntry("committedMicros", "800");
    }

    @Test
    void oneResponseCanCrossSeveralThresholds() {
        BudgetBook book = book(Map.of("acme", List.of(new BudgetRule(null, Period.DAY, 1_000, false))));

        settle(book, "r1", 1_500);

        assertThat(alerts).extracting(a -> a.getDetails().get("thresholdPercent")).containsExactly("50", "80", "100");
    }

    @Test
    void aRefusalsAlertIsNotRepeatedWhenCommittedSpendLaterReachesTheLimit() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));
        reserve(book, "r1", 1_000_000);
        assertThat(reserve(book, "r2", 1).alerts()).hasSize(1);

        settle(book, "r1", 1_000_000);

        assertThat(alerts).extracting(a -> a.getDetails().get("thresholdPercent")).containsExactly("50", "80");
    }

    @Test
    void anExpiredReservationIsReleasedAndReported() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));
        reserve(book, "r1", 400_000);
        List<Map.Entry<String, Reservation>> expired = new ArrayList<>();

        book.expire(null, 100, T0.plus(RESERVATION_TIMEOUT).minusMillis(1), expired::add);
        assertThat(expired).isEmpty();
        assertThat(status(book, "acme", HARD_DAY, T0).getReservedMicros()).isEqualTo(400_000);

        book.expire(null, 100, T0.plus(RESERVATION_TIMEOUT), expired::add);

        assertThat(expired).singleElement().satisfies(entry -> {
            assertThat(entry.getKey()).isEqualTo("r1");
            assertThat(entry.getValue().amountMicros()).isEqualTo(400_000);
        });
        assertThat(status(book, "acme", HARD_DAY, T0).getReservedMicros()).isZero();
        book.expire(null, 100, T0.plus(RESERVATION_TIMEOUT).plusSeconds(1), expired::add);
        assertThat(expired).hasSize(1);
    }

    @Test
    void aBatchRequestsReservationLastsWhileItWaitsForItsWindowButNoLongerThanTheMaximumHold() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));
        Instant deadline = T0.plus(java.time.Duration.ofHours(20));
        assertThat(book.reserve("acme", "web", "waiting", 400_000, T0, T0, deadline)).isNull();
        assertThat(book.reserve("acme", "web", "far", 100_000, T0, T0, T0.plus(java.time.Duration.ofDays(30))))
                .isNull();
        List<Map.Entry<String, Reservation>> expired = new ArrayList<>();

        book.expire(null, 100, deadline.plus(RESERVATION_TIMEOUT).minusMillis(1), expired::add);
        assertThat(expired).isEmpty();
        book.expire(null, 100, deadline.plus(RESERVATION_TIMEOUT), expired::add);
        assertThat(expired).extracting(Map.Entry::getKey).containsExactly("waiting");
        book.expire(null, 100, T0.plus(BudgetBook.MAX_HOLD).plus(RESERVATION_TIMEOUT), expired::add);
        assertThat(expired).extracting(Map.Entry::getKey).containsExactly("waiting", "far");
    }

    @Test
    void anAppsBudgetCoversOnlyThatApp() {
        BudgetRule billing = new BudgetRule("billing", Period.DAY, 1_000, true);
        BudgetBook book = book(Map.of("acme", List.of(billing)));

        assertThat(book.applies("acme", "billing")).isTrue();
        assertThat(book.applies("acme", "search")).isFalse();
        assertThat(book.applies("acme", null)).isFalse();
        assertThat(book.reserve("acme", "search", "r1", 5_000, T0, T0)).isNull();
        assertThat(book.reserve("acme", null, "r2", 5_000, T0, T0)).isNull();
        Refusal refusal = book.reserve("acme", "billing", "r3", 5_000, T0, T0);

        assertThat(refusal).isNotNull();
        assertThat(refusal.message()).startsWith("The app `billing`'s daily budget of $0.001000");
        assertThat(status(book, "acme", billing, T0).getReservedMicros()).isZero();
    }

    @Test
    void aRequestIsRefusedWhenAnyCoveringBudgetRefusesAndThenChargesNone() {
        BudgetRule tenantMonth = new BudgetRule(null, Period.MONTH, 10_000, true);
        BudgetRule billingDay = new BudgetRule("billing", Period.DAY, 1_000, true);
        BudgetBook book = book(Map.of("acme", List.of(tenantMonth, billingDay)));

        assertThat(book.reserve("acme", "billing", "r1", 2_000, T0, T0)).extracting(Refusal::rule)
                .isEqualTo(billingDay);

        assertThat(status(book, "acme", tenantMonth, T0).getReservedMicros()).isZero();
    }

    @Test
    void anotherTenantsBudgetIsItsOwn() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));

        assertThat(book.reserve("globex", null, "r1", 5_000_000, T0, T0)).isNull();
        assertThat(book.applies("globex", null)).isFalse();
    }

    @Test
    void dayBudgetsAreUtcCalendarDays() {
        BudgetBook book = book(Map.of("acme", List.of(new BudgetRule(null, Period.DAY, 1_000, true))));
        Instant lastSecond = Instant.parse("2025-03-04T23:59:59Z");
        Instant midnight = Instant.parse("2025-03-05T00:00:00Z");

        assertThat(book.reserve("acme", null, "r1", 800, lastSecond, lastSecond)).isNull();
        assertThat(book.reserve("acme", null, "r2", 800, midnight, midnight)).as("a new day").isNull();
        assertThat(book.reserve("acme", null, "r3", 800, lastSecond.plusMillis(999), midnight))
                .as("received in the first day, which is full").isNotNull();
    }

    @Test
    void monthBudgetsAreUtcCalendarMonths() {
        BudgetRule month = new BudgetRule(null, Period.MONTH, 1_000, true);
        BudgetBook book = book(Map.of("acme", List.of(month)));
        Instant endOfFebruary = Instant.parse("2024-02-29T23:59:59Z");
        Instant march = Instant.parse("2024-03-01T00:00:00Z");

        assertThat(book.reserve("acme", null, "r1", 800, endOfFebruary, endOfFebruary)).isNull();
        assertThat(book.reserve("acme", null, "r2", 800, Instant.parse("2024-02-01T00:00:00Z"), march)).isNotNull();
        assertThat(book.reserve("acme", null, "r3", 800, march, march)).isNull();
        assertThat(status(book, "acme", month, march).getPeriodEnd()).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
    }

    @Test
    void aResponseSettlesIntoThePeriodItsRequestWasReceivedIn() {
        BudgetBook book = book(Map.of("acme", List.of(HARD_DAY)));
        Instant lastSecond = Instant.parse("2025-03-04T23:59:59Z");
        Instant nextDay = Instant.parse("2025-03-05T00:00:03Z");
        book.reserve("acme", null, "r1", 400_000, lastSecond, lastSecond);

        book.settle("r1", "acme", null, 300_000, lastSecond, nextDay, alerts::add);

        assertThat(status(book, "acme", HARD_DAY, lastSecond).getCommittedMicros()).isEqualTo(300_000);
        assertThat(status(book, "acme", HARD_DAY, nextDay).getCommittedMicros()).isZero();
    }
}
