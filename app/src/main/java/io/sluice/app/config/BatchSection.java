package io.sluice.app.config;

import io.sluice.ingress.BatchLimits;
import io.sluice.processors.batch.BatchSettings;
import java.time.Duration;

/**
 * {@code batch}: the OpenAI Batch API and the batch coordinator; every key optional, defaults in
 * brackets. (When batch requests run is {@code batch-schedule}'s business.)
 *
 * @param maxFileBytes      the largest input file {@code POST /v1/files} accepts [100 MiB]
 * @param maxLines          the most requests in one input file [50000]
 * @param chunkBytes        the chunk size of stored files on the files topic [256 KiB]
 * @param tick              how often the coordinator sends lines and publishes progress [1s]
 * @param sliceLines        the most lines of one batch sent per tick [500]
 * @param maxInFlight       the most requests of one batch sent and not answered yet [2000]
 * @param cancelGrace       how long a cancelling batch waits for requests in flight [10m]
 * @param nativeQuietPeriod an undeclared Kafka-native batch completes after this long without a response [5m]
 */
public record BatchSection(Integer maxFileBytes, Integer maxLines, Integer chunkBytes, Duration tick,
        Integer sliceLines, Integer maxInFlight, Duration cancelGrace, Duration nativeQuietPeriod) {
    static final BatchSection DEFAULTS = new BatchSection(null, null, null, null, null, null, null, null);

    public BatchSection {
        for (var entry : new Object[][] {{"batch.tick", tick}, {"batch.cancel-grace", cancelGrace},
                {"batch.native-quiet-period", nativeQuietPeriod}}) {
            if (entry[1] != null) {
                SluiceConfig.requirePositive((String) entry[0], (Duration) entry[1]);
            }
        }
        try {
            limits();
            settings("check");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage().startsWith("batch.") ? e.getMessage() : "batch: " + e.getMessage());
        }
    }

    /** What the ingress's Batch API accepts. */
    public BatchLimits limits() {
        BatchLimits d = BatchLimits.defaults();
        return new BatchLimits(maxFileBytes == null ? d.maxFileBytes() : maxFileBytes,
                maxLines == null ? d.maxLines() : maxLines, chunkBytes == null ? d.chunkBytes() : chunkBytes);
    }

    /** The coordinator's settings under {@code applicationId}. */
    public BatchSettings settings(String applicationId) {
        BatchSettings d = BatchSettings.defaults(applicationId);
        return new BatchSettings(applicationId, tick == null ? d.tick() : tick,
                sliceLines == null ? d.sliceLines() : sliceLines, maxInFlight == null ? d.maxInFlight() : maxInFlight,
                cancelGrace == null ? d.cancelGrace() : cancelGrace,
                nativeQuietPeriod == null ? d.nativeQuietPeriod() : nativeQuietPeriod,
                chunkBytes == null ? d.chunkBytes() : chunkBytes);
    }
}
