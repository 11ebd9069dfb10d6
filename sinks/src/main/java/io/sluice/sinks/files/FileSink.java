package io.sluice.sinks.files;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.schemas.Telemetry;
import io.sluice.schemas.kafka.KafkaClientProps;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands the {@code audit}, {@code responses}, {@code costs}, {@code metrics} and {@code alerts}
 * topics in hourly gzip files of JSON lines, exactly once (see {@link FileLayout} for the layout).
 *
 * <p>A consumer of a group reads with {@code read_committed}. Each record becomes one line in the
 * temporary file of its partition and UTC hour. A partition's open files are finished together
 * (written out, forced to disk, then renamed to names that carry the partition's offset range)
 * once an hour of theirs is over and quiet for the grace period, once one reaches the size limit,
 * before a file for one hour too many is opened, when the partition is revoked, and on
 * {@link #close()}. Readers see a file whole or not at all.
 *
 * <p>Where to read from is decided by the directory alone: when the sink is given a partition it
 * completes or deletes what a crash left of that partition's files and seeks one past the last
 * offset its finished files cover, or to the beginning if there is none ({@link Recovery}). So
 * nothing is lost (records are in a finished file or read again) and nothing doubles (a finished
 * offset range is never read again). Offsets are committed to the group only to show the lag, and
 * as a fence: the sink renames a partition's files only after the group accepted the commit of
 * their end, so an instance that lost the partition without noticing discards them instead.
 *
 * <p>Records it cannot decode stop the sink ({@link #failure()}) rather than being skipped; the
 * open files stay as a crash would leave them.
 */
public final class FileSink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileSink.class);
    private static final String CLIENT_ID = "sluice-sink-files";
    private static final Duration IDLE_COMMIT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * What the response records carry but the files leave out: the model's output and error
     * messages, which may quote a provider's or a user's text. Text lands only through the audit
     * trail, where each tenant's policy decides whether it is kept, and then masked.
     */
    static final Set<String> WITHHELD_RESPONSE_FIELDS = Set.of("choices", "error.message");

    private final FileSinkConfig config;
    private final FileLayout layout;
    private final Clock clock;
    private final Consumer<String, byte[]> consumer;
    private final Map<String, Function<byte[], byte[]>> renderers;
    private final Map<String, Counter> recordsLanded = new HashMap<>();
    private final Map<String, Counter> filesFinished = new HashMap<>();
    private final Map<TopicPartition, PartitionFiles> partitions = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile Throwable failure;
    private long nextIdleCommitMillis;

    private FileSink(FileSinkConfig config, Topics topics, Map<String, Object> kafkaClientProps, MeterRegistry meters,
            Clock clock) {
        this.config = config;
        this.layout = new FileLayout(config.dir());
        this.clock = clock;
        var plain = new JsonLines(Set.of());
        Map<String, Function<byte[], byte[]>> byTopic = new LinkedHashMap<>();
        byTopic.put(topics.audit().name(), renderer(topics.audit(), plain));
        byTopic.put(topics.responses().name(), renderer(topics.responses(), new JsonLines(WITHHELD_RESPONSE_FIELDS)));
        byTopic.put(topics.costs().name(), renderer(topics.costs(), plain));
        byTopic.put(topics.metrics().name(), renderer(topics.metrics(), plain));
        byTopic.put(topics.alerts().name(), renderer(topics.alerts(), plain));
        this.renderers = byTopic;
        for (String topic : renderers.keySet()) {
            recordsLanded.put(topic, Counter.builder(Telemetry.SINK_FILES_RECORDS).tag(Telemetry.TAG_TOPIC, topic)
                    .description("records the file sink landed in finished files").register(meters));
            filesFinished.put(topic, Counter.builder(Telemetry.SINK_FILES_FINISHED).tag(Telemetry.TAG_TOPIC, topic)
                    .description("files the file sink finished").register(meters));
        }
        this.consumer = new KafkaConsumer<>(consumerProps(kafkaClientProps, config.groupId()), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, CLIENT_ID);
    }

    /**
     * Creates the directory if need be and starts landing records on a thread of its own.
     *
     * @param kafkaClientProps connection properties ({@code bootstrap.servers}, security); the
     *     group, isolation level and offset handling are the sink's own
     * @throws IOException if the directory cannot be created or written
     */
    public static FileSink start(FileSinkConfig config, Topics topics, Map<String, Object> kafkaClientProps,
            MeterRegistry meters, Clock clock) throws IOException {
        Files.createDirectories(config.dir());
        if (!Files.isWritable(config.dir())) {
            throw new IOException(config.dir() + " is not writable");
        }
        var sink = new FileSink(config, topics, kafkaClientProps, meters, clock);
        sink.thread.start();
        log.info("file sink started dir={} group={} topics={}", config.dir(), config.groupId(), sink.renderers.keySet());
        return sink;
    }

    /** Why the sink stopped on its own, if it did; a supervisor should then restart it. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** True while the sink's thread runs. */
    public java.util.Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> kafkaMetrics() {
        return consumer.metrics();
    }

    /** The topics the sink lands. */
    public java.util.Set<String> topics() {
        return renderers.keySet();
    }

    /** True while the sink's thread runs. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Finishes every open file, commits, leaves the group and stops. */
    @Override
    public void close() {
        stopping.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            consumer.subscribe(renderers.keySet(), new Rebalance());
            while (!stopped()) {
                land(consumer.poll(config.pollTimeout()));
                long now = clock.millis();
                for (TopicPartition tp : List.copyOf(partitions.keySet())) {
                    if (partitions.get(tp).due(now)) {
                        roll(tp);
                    }
                }
                commitIdlePartitions(now);
            }
            for (TopicPartition tp : List.copyOf(partitions.keySet())) {
                roll(tp);
            }
        } catch (Throwable t) {
            fail(t);
            partitions.values().forEach(PartitionFiles::release);
            partitions.clear();
        } finally {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            log.info("file sink stopped dir={}", config.dir());
        }
    }

    private void land(ConsumerRecords<String, byte[]> records) throws IOException {
        long now = clock.millis();
        Set<TopicPartition> rewound = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            var tp = new TopicPartition(record.topic(), record.partition());
            PartitionFiles files = partitions.get(tp);
            if (files == null) {
                throw new IllegalStateException("a record of " + tp + ", which the sink was not given");
            }
            if (rewound.contains(tp) || record.value() == null) {
                continue;
            }
            byte[] line = render(record);
            if (files.needsRollBefore(record.timestamp()) && !roll(tp)) {
                rewound.add(tp);
                continue;
            }
            if (files.append(record.offset(), record.timestamp(), line, now) && !roll(tp)) {
                rewound.add(tp);
            }
        }
    }

    private byte[] render(ConsumerRecord<String, byte[]> record) {
        try {
            return renderers.get(record.topic()).apply(record.value());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot land the record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finishes the partition's open files and publishes them once the group has accepted the
     * commit of their end.
     *
     * @return false if the group refused it: the files were discarded and, if the partition is
     *     still this sink's, reading goes back to their first offset
     */
    private boolean roll(TopicPartition tp) throws IOException {
        PartitionFiles files = partitions.get(tp);
        if (files == null || files.isEmpty()) {
            return true;
        }
        Segment segment = files.prepare();
        try {
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(segment.last() + 1)));
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            log.warn("file sink could not commit the end of finished files, discarding them to be read again "
                    + "topic={} partition={} first={} last={} error={}", tp.topic(), tp.partition(), segment.first(),
                    segment.last(), e.toString());
            segment.discard();
            if (consumer.assignment().contains(tp)) {
                consumer.seek(tp, segment.first());
            }
            return false;
        }
        segment.publish();
        committed.put(tp, segment.last() + 1);
        recordsLanded.get(tp.topic()).increment(segment.records());
        filesFinished.get(tp.topic()).increment(segment.temps().size());
        log.debug("file sink finished files topic={} partition={} first={} last={} files={} records={}", tp.topic(),
                tp.partition(), segment.first(), segment.last(), segment.temps().size(), segment.records());
        return true;
    }

    /**
     * Commits the position of partitions without open files (records past their last finished
     * file were tombstones or aborted), so that the group's lag reads zero when all is landed.
     */
    private void commitIdlePartitions(long now) {
        if (now < nextIdleCommitMillis) {
            return;
        }
        nextIdleCommitMillis = now + IDLE_COMMIT_INTERVAL.toMillis();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((tp, files) -> {
            if (files.isEmpty()) {
                long position = consumer.position(tp);
                if (position > committed.getOrDefault(tp, -1L)) {
                    offsets.put(tp, new OffsetAndMetadata(position));
                }
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitAsync(offsets, (done, e) -> {
            if (e == null) {
                done.forEach((tp, offset) -> committed.merge(tp, offset.offset(), Math::max));
            } else {
                log.debug("file sink could not commit idle positions, will try again error={}", e.toString());
            }
        });
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    private void fail(Throwable t) {
        failure = t;
        log.error("file sink stopped on an error it cannot retry dir={}", config.dir(), t);
    }

    /** Runs on the sink's thread, inside {@code poll} (and {@code close}). */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            try {
                for (TopicPartition tp : revoked) {
                    roll(tp);
                    partitions.remove(tp);
                    committed.remove(tp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!revoked.isEmpty()) {
                log.info("file sink finished the files of revoked partitions partitions={}", revoked.size());
            }
        }

        /** Another instance may already write these partitions: their open files are deleted, not finished. */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            try {
                for (TopicPartition tp : lost) {
                    PartitionFiles files = partitions.remove(tp);
                    committed.remove(tp);
                    if (files != null) {
                        files.abandon();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log.warn("file sink lost partitions, discarded their open files partitions={}", lost.size());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            Recovery.Result recovered;
            try {
                recovered = Recovery.recover(layout, assigned);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<TopicPartition> fresh = new ArrayList<>();
            for (TopicPartition tp : assigned) {
                partitions.put(tp, new PartitionFiles(tp, layout, config));
                Long next = recovered.nextOffsets().get(tp);
                if (next == null) {
                    fresh.add(tp);
                } else {
                    consumer.seek(tp, next);
                }
            }
            consumer.seekToBeginning(fresh);
            log.info("file sink assigned partitions={} resumed={} from_beginning={} completed_files={} deleted_files={}",
                    assigned.size(), assigned.size() - fresh.size(), fresh.size(), recovered.completed(),
                    recovered.deleted());
        }
    }

    private static <V> Function<byte[], byte[]> renderer(Topic<String, V> topic, JsonLines json) {
        var deserializer = topic.valueSerde().deserializer();
        return bytes -> json.render((IndexedRecord) deserializer.deserialize(topic.name(), bytes));
    }

    static Map<String, Object> consumerProps(Map<String, Object> clientProps, String groupId) {
        Map<String, Object> defaults = new HashMap<>(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000));
        if (!"consumer".equalsIgnoreCase(String.valueOf(clientProps.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)))) {
            // moving one partition must not make every instance finish all of its files
            defaults.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        }
        Map<String, Object> props = new HashMap<>(KafkaClientProps.consumer(clientProps, defaults, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")));
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        return props;
    }
}
