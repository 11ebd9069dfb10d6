package io.sluice.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The cost rows as a FinOps FOCUS 1.0 cost and usage dataset (CSV, one row per tenant x app x model
 * x day), so FinOps tools can take Sluice's spend next to cloud bills. Every FOCUS 1.0 column is
 * present, the mandatory ones included, in alphabetical order, followed by Sluice's own {@code x_}
 * columns.
 *
 * <p>How Sluice maps onto FOCUS: each row is a {@code Usage} charge of one UTC day
 * (ChargePeriodStart/End, ISO 8601 UTC) inside its calendar month (BillingPeriodStart/End); the
 * tenant is the sub account (SubAccountId, SubAccountName), the configured model the resource
 * (ResourceId, ResourceName), and app and model are provider-defined tags ({@code sluice/app},
 * {@code sluice/model}; the app tag is left out when the requests named none). Consumed and
 * pricing quantity are the tokens (prompt plus completion) in unit {@code Tokens}. Sluice is the
 * provider, publisher and invoice issuer of the {@code Sluice AI Gateway} service in category
 * {@code AI and Machine Learning}; the billing account is named by the operator. The cost columns
 * all carry the recorded cost: Sluice prices tokens at the configured list price and knows of no
 * negotiated rate, commitment or amortization, so BilledCost = EffectiveCost = ListCost =
 * ContractedCost. What cache hits saved is not a FOCUS cost; it is in {@code x_SavedCost}.
 *
 * <p>Null columns, and why:
 * <ul>
 * <li>AvailabilityZone, RegionId, RegionName: a cost aggregate spans every deployment (and region)
 *     that served the model; the record does not say which.</li>
 * <li>ChargeClass: null means a regular charge; Sluice emits no corrections.</li>
 * <li>CommitmentDiscountCategory, CommitmentDiscountId, CommitmentDiscountName,
 *     CommitmentDiscountStatus, CommitmentDiscountType: Sluice has no commitment discounts.</li>
 * <li>ListUnitPrice, ContractedUnitPrice: a row mixes prompt, cached prompt and completion tokens,
 *     each with its own price, so no single unit price times PricingQuantity gives its cost.</li>
 * <li>SkuId, SkuPriceId: Sluice publishes no SKU list.</li>
 * </ul>
 *
 * <p>Rows with neither tokens nor cost (only rejected or failed requests) are no charge and are
 * left out; the plain CSV report keeps them.
 */
final class FocusReport {
    static final String PROVIDER = "Sluice";
    static final String SERVICE_NAME = "Sluice AI Gateway";
    static final String SERVICE_CATEGORY = "AI and Machine Learning";

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Column(String name, Function<CostRow, String> value) {}

    private final List<Column> columns;

    /** @param billingAccount BillingAccountId and BillingAccountName of every row */
    FocusReport(String billingAccount) {
        Objects.requireNonNull(billingAccount, "billingAccount");
        if (billingAccount.isBlank()) {
            throw new IllegalArgumentException("the billing account must not be blank");
        }
        this.columns = columns(billingAccount);
    }

    List<String> header() {
        return columns.stream().map(Column::name).toList();
    }

    String render(List<CostRow> rows) {
        var out = new StringBuilder();
        Csv.line(out, header());
        for (CostRow row : rows) {
            if (row.tokens() == 0 && row.costMicros() == 0) {
                continue;
            }
            var fields = new ArrayList<String>(columns.size());
            for (Column c : columns) {
                fields.add(c.value().apply(row));
            }
            Csv.line(out, fields);
        }
        return out.toString();
    }

    private static List<Column> columns(String account) {
        Function<CostRow, String> none = r -> null;
        Function<CostRow, String> cost = r -> Money.usd(r.costMicros());
        Function<CostRow, String> tokens = r -> Long.toString(r.tokens());
        return List.of(
                new Column("AvailabilityZone", none),
                new Column("BilledCost", cost),
                new Column("BillingAccountId", r -> account),
                new Column("BillingAccountName", r -> account),
                new Column("BillingCurrency", r -> "USD"),
                new Column("BillingPeriodEnd", r -> instant(r.date().withDayOfMonth(1).plusMonths(1))),
                new Column("BillingPeriodStart", r -> instant(r.date().withDayOfMonth(1))),
                new Column("ChargeCategory", r -> "Usage"),
                new Column("ChargeClass", none),
                new Column("ChargeDescription", FocusReport::description),
                new Column("ChargeFrequency", r -> "Usage-Based"),
                new Column("ChargePeriodEnd", r -> instant(r.date().plusDays(1))),
                new Column("ChargePeriodStart", r -> instant(r.date())),
                new Column("CommitmentDiscountCategory", none),
                new Column("CommitmentDiscountId", none),
                new Column("CommitmentDiscountName", none),
                new Column("CommitmentDiscountStatus", none),
                new Column("CommitmentDiscountType", none),
                new Column("ConsumedQuantity", tokens),
                new Column("ConsumedUnit", r -> "Tokens"),
                new Column("ContractedCost", cost),
                new Column("ContractedUnitPrice", none),
                new Column("EffectiveCost", cost),
                new Column("InvoiceIssuerName", r -> PROVIDER),
                new Column("ListCost", cost),
                new Column("ListUnitPrice", none),
                new Column("PricingCategory", r -> "Standard"),
                new Column("PricingQuantity", tokens),
                new Column("PricingUnit", r -> "Tokens"),
                new Column("ProviderName", r -> PROVIDER),
                new Column("PublisherName", r -> PROVIDER),
                new Column("RegionId", none),
                new Column("RegionName", none),
                new Column("ResourceId", CostRow::model),
                new Column("ResourceName", CostRow::model),
                new Column("ResourceType", r -> "Model"),
                new Column("ServiceCategory", r -> SERVICE_CATEGORY),
                new Column("ServiceName", r -> SERVICE_NAME),
                new Column("SkuId", none),
                new Column("SkuPriceId", none),
                new Column("SubAccountId", CostRow::tenant),
                new Column("SubAccountName", CostRow::tenant),
                new Column("Tags", FocusReport::tags),
                new Column("x_Requests", r -> Long.toString(r.requests())),
                new Column("x_Errors", r -> Long.toString(r.errors())),
                new Column("x_CacheHits", r -> Long.toString(r.cacheHits())),
                new Column("x_PromptTokens", r -> Long.toString(r.promptTokens())),
                new Column("x_CompletionTokens", r -> Long.toString(r.completionTokens())),
                new Column("x_CachedPromptTokens", r -> Long.toString(r.cachedPromptTokens())),
                new Column("x_SavedCost", r -> Money.usd(r.savedMicros())));
    }

    private static String instant(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    }

    private static String description(CostRow r) {
        return "Tokens of model " + r.model() + (r.app().isEmpty() ? "" : " for app " + r.app())
                + " through the Sluice AI gateway (" + r.requests() + " requests)";
    }

    static String tags(CostRow r) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (!r.app().isEmpty()) {
            tags.put("sluice/app", r.app());
        }
        tags.put("sluice/model", r.model());
        try {
            return JSON.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
