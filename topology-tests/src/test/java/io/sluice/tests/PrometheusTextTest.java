package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict exposition reader and the dashboard query reader that MetricsIT relies on. */
class PrometheusTextTest {
    private static final String VALID = """
            # HELP sluice_requests_total Chat requests
            # TYPE sluice_requests_total counter
            sluice_requests_total{outcome="success",error_type="none"} 3.0
            sluice_requests_total{outcome="error",error_type="a \\"quoted\\" \\\\ code"} 1.0
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.1"} 1
            latency_seconds_bucket{le="+Inf"} 2
            latency_seconds_count 2
            latency_seconds_sum 0.35
            # TYPE in_flight gauge
            in_flight NaN
            """;

    @Test
    void given_a_valid_exposition_then_samples_labels_and_values_are_read() {
        var scrape = PrometheusText.parse(VALID);

        assertThat(scrape.sum("sluice_requests_total", "outcome", "success")).isEqualTo(3.0);
        assertThat(scrape.find("sluice_requests_total", "outcome", "error").get(0).labels().get("error_type"))
                .isEqualTo("a \"quoted\" \\ code");
        assertThat(scrape.sum("latency_seconds_sum")).isEqualTo(0.35);
        assertThat(scrape.names()).contains("latency_seconds", "latency_seconds_bucket", "in_flight");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "no_type 1\n",
            "# TYPE x counter\nx{a=\"1\"} 1\nx{a=\"1\"} 2\n",
            "# TYPE x gauge\nx{a=1} 1\n",
            "# TYPE x gauge\nx 1 2 3\n",
            "# TYPE x gauge\nx one\n",
            "# TYPE x gauge\nx 1",
            "# a comment\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\nh_sum 1\n",
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 1\n",
            "# TYPE g gauge\ng_bucket{le=\"1\"} 1\n"})
    void given_an_invalid_exposition_then_it_is_refused(String text) {
        assertThatThrownBy(() -> PrometheusText.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void given_promql_then_only_metric_names_are_taken_from_it() {
        var names = MetricsIT.DashboardQueries.metricNames("histogram_quantile(0.95, sum by (le, gen_ai_request_model) "
                + "(rate(gen_ai_server_request_duration_seconds_bucket{outcome=~\"a|b\"}[$__rate_interval]))) "
                + "/ on (job) group_left max(up) * 3600 / 1e6 > bool 0 or sluice_budget_limit_microdollars offset 5m");

        assertThat(names).containsExactlyInAnyOrder("gen_ai_server_request_duration_seconds_bucket", "up",
                "sluice_budget_limit_microdollars");
    }
}
