package io.sluice.app.report;

import io.sluice.app.SluiceCli;
import io.sluice.app.config.SluiceConfig;
import io.sluice.app.kafka.TopicReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice report costs}: spend per tenant, app, model and UTC day as CSV, FOCUS 1.0 CSV or HTML. */
@Command(name = "costs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Spend per tenant, app, model and UTC day from the costs topic, for chargeback and showback.",
            "Reads the topic from its beginning up to the end offsets it has at start (read_committed) and keeps "
                    + "the highest revision of each daily aggregate. Without --bootstrap-servers it reads the "
                    + "embedded broker of a running `sluice start` (127.0.0.1:<kafka.broker-port>)."})
final class CostsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "first UTC day, inclusive")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD",
            description = "UTC day after the last one, EXCLUSIVE (--from 2025-05-01 --to 2025-06-01 is all of May)")
    LocalDate to;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|focus|html",
            description = "csv (one line per tenant/app/model/day), focus (FinOps FOCUS 1.0 CSV) or html "
                    + "(self-contained page with a chart); default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the report here instead of standard output")
    Path output;

    @Option(names = "--billing-account", defaultValue = "sluice", paramLabel = "NAME",
            description = "focus: BillingAccountId and BillingAccountName of every row; default: ${DEFAULT-VALUE}")
    String billingAccount;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "give up if the topics cannot be read to their end in this time; default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Mixin
    SluiceCli.Common common = new SluiceCli.Common();

    @Override
    public Integer call() throws IOException {
        ReportPeriod period = period();
        String which = format.toLowerCase(Locale.ROOT);
        if (!List.of("csv", "focus", "html").contains(which)) {
            throw new ParameterException(spec.commandLine(), "--format must be csv, focus or html, was " + format);
        }
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        if (which.equals("focus") && billingAccount.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--billing-account must not be blank");
        }
        SluiceConfig config = common.load();
        String bootstrap = bootstrapServers(config);
        Map<String, Object> clientProps = new HashMap<>(config.kafka().properties());
        clientProps.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<CostRow> rows;
        try {
            rows = CostTopicReader.read(clientProps, config.kafka().topicPrefix(), config.kafka().schemaRegistryUrl(),
                    period, Duration.ofSeconds(timeoutSeconds)).rows();
        } catch (KafkaException | IllegalStateException e) {
            spec.commandLine().getErr().println("sluice: cannot read the costs topic from Kafka at " + bootstrap + ": "
                    + e.getMessage());
            return 1;
        }
        String report = switch (which) {
            case "focus" -> new FocusReport(billingAccount).render(rows);
            case "html" -> HtmlReport.render(period, rows);
            default -> CsvReport.render(rows);
        };
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(report);
            out.flush();
        } else {
            Files.writeString(output, report, StandardCharsets.UTF_8);
            spec.commandLine().getErr().println("sluice: " + rows.size() + " cost rows (" + period.from() + " up to "
                    + period.to() + ", exclusive) written to " + output);
        }
        return 0;
    }

    private ReportPeriod period() {
        try {
            return new ReportPeriod(from, to);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private String bootstrapServers(SluiceConfig config) {
        try {
            return TopicReader.bootstrapServers(config);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
