package io.sluice.app.report;

import static io.sluice.app.report.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FocusReportTest {
    /** The columns FOCUS 1.0 requires in every dataset. */
    private static final List<String> MANDATORY = List.of("BilledCost", "BillingAccountId", "BillingAccountName",
            "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass",
            "ChargeDescription", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost", "EffectiveCost",
            "InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
            "ServiceCategory", "ServiceName");
    /** Present in FOCUS 1.0 when the provider supports the feature; Sluice fills them. */
    private static final List<String> CONDITIONAL_FILLED = List.of("ChargeFrequency", "ConsumedQuantity", "ConsumedUnit",
            "PricingCategory", "ResourceId", "ResourceName", "ResourceType", "SubAccountId", "SubAccountName", "Tags");

    private final FocusReport report = new FocusReport("acme-corp");

    @Test
    void theHeaderHoldsEveryMandatoryColumnOnceWithCustomColumnsPrefixed() {
        List<String> header = report.header();

        assertThat(header).containsAll(MANDATORY).containsAll(CONDITIONAL_FILLED).doesNotHaveDuplicates();
        assertThat(header).filteredOn(c -> !Character.isUpperCase(c.charAt(0))).allMatch(c -> c.startsWith("x_"));
    }

    @Test
    void aRowMapsTenantModelAppTokensAndCostsOntoFocus() throws Exception {
        // given one day's aggregate of tenant acme, app chat, model gpt-4o in the middle of May
        CostRow row = row("2025-05-31", "acme", "chat", "gpt-4o", 12, 1_540, 1_234_567, 250_000);

        // when
        Map<String, String> focus = onlyRow(report.render(List.of(row)));

        // then
        assertThat(focus).containsEntry("BilledCost", "1.234567").containsEntry("EffectiveCost", "1.234567")
                .containsEntry("ListCost", "1.234567").containsEntry("ContractedCost", "1.234567")
                .containsEntry("BillingCurrency", "USD")
                .containsEntry("BillingAccountId", "acme-corp").containsEntry("BillingAccountName", "acme-corp")
                .containsEntry("BillingPeriodStart", "2025-05-01T00:00:00Z")
                .containsEntry("BillingPeriodEnd", "2025-06-01T00:00:00Z")
                .containsEntry("ChargePeriodStart", "2025-05-31T00:00:00Z")
                .containsEntry("ChargePeriodEnd", "2025-06-01T00:00:00Z")
                .containsEntry("ChargeCategory", "Usage").containsEntry("ChargeClass", "")
                .containsEntry("ConsumedQuantity", "1540").containsEntry("ConsumedUnit", "Tokens")
                .containsEntry("PricingQuantity", "1540").containsEntry("PricingUnit", "Tokens")
                .containsEntry("ServiceCategory", "AI and Machine Learning")
                .containsEntry("SubAccountId", "acme").containsEntry("SubAccountName", "acme")
                .containsEntry("ResourceId", "gpt-4o")
                .containsEntry("ProviderName", "Sluice").containsEntry("PublisherName", "Sluice")
                .containsEntry("InvoiceIssuerName", "Sluice")
                .containsEntry("ListUnitPrice", "").containsEntry("CommitmentDiscountId", "").containsEntry("RegionId", "")
                .containsEntry("x_Requests", "12").containsEntry("x_SavedCost", "0.250000");
        assertThat(focus.get("ChargeDescription")).contains("gpt-4o").contains("chat");
        assertThat(new ObjectMapper().readValue(focus.get("Tags"), Map.class))
                .isEqualTo(Map.of("sluice/app", "chat", "sluice/model", "gpt-4o"));
        for (String column : MANDATORY) {
            if (!column.equals("ChargeClass")) {
                assertThat(focus.get(column)).as(column).isNotEmpty();
            }
        }
    }

    @Test
    void withoutAnAppTheTagsHoldOnlyTheModel() throws Exception {
        Map<String, String> focus = onlyRow(report.render(List.of(row("2025-05-01", "acme", "", "m\"x", 1, 10, 5, 0))));

        assertThat(new ObjectMapper().readValue(focus.get("Tags"), Map.class)).isEqualTo(Map.of("sluice/model", "m\"x"));
    }

    @Test
    void rowsWithNeitherTokensNorCostAreNoCharge() {
        String csv = report.render(List.of(row("2025-05-01", "acme", "", "m", 3, 0, 0, 0),
                row("2025-05-02", "acme", "", "m", 1, 10, 0, 0)));

        assertThat(onlyRow(csv)).containsEntry("ChargePeriodStart", "2025-05-02T00:00:00Z");
    }

    @Test
    void aBlankBillingAccountIsRefused() {
        assertThatThrownBy(() -> new FocusReport(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The data line of a one-row FOCUS CSV as column -> value (a small parser that handles quoted fields). */
    private static Map<String, String> onlyRow(String csv) {
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        List<String> names = fields(lines[0]);
        List<String> values = fields(lines[1]);
        assertThat(values).hasSameSizeAs(names);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            row.put(names.get(i), values.get(i));
        }
        return row;
    }

    private static List<String> fields(String line) {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
