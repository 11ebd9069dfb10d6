package io.sluice.sinks.postgres;

import io.sluice.schemas.kafka.KafkaClientProps;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands the {@code audit}, {@code responses} and {@code costs} topics in PostgreSQL exactly once.
 *
 * <p>One consumer, assigned to every partition of the three topics (no consumer group; it never
 * commits to Kafka), reads with {@code read_committed}. Each poll's records are written with the
 * position after them in one database transaction ({@code sink_offsets}), and at start the
 * positions are read back from there. When the database fails, the transaction is rolled back, the
 * sink backs off, reconnects, seeks back to the offsets the database holds and reads on: nothing is
 * lost, and since every write is idempotent nothing is doubled either. Records it cannot decode
 * or write for a reason other than an unreachable database stop the sink ({@link #failure()})
 * rather than being skipped.
 *
 * <p>Run one instance per database schema; new partitions are picked up within a minute.
 */
public final class PostgresSink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresSink.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REFRESH_INTERVAL = Duration.ofMinutes(1);
    private static final String APPLICATION_NAME = "sluice-sink-postgres";

    private final PostgresSinkConfig config;
    private final Clock clock;
    private final Consumer<String, byte[]> consumer;
    private final Map<String, Function<byte[], Row>> decoders;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile Throwable failure;
    private Connection connection;
    private Set<TopicPartition> assigned = Set.of();
    private long nextRefreshNanos;

    private PostgresSink(PostgresSinkConfig config, Topics topics, Map<String, Object> kafkaClientProps, Clock clock,
            Connection connection) {
        this.config = config;
        this.clock = clock;
        this.connection = connection;
        this.decoders = Map.of(
                topics.audit().name(), decoder(topics.audit(), Rows::audit),
                topics.responses().name(), decoder(topics.responses(), Rows::response),
                topics.costs().name(), decoder(topics.costs(), Rows::cost));
        this.consumer = new KafkaConsumer<>(consumerProps(kafkaClientProps), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, APPLICATION_NAME);
    }

    /**
     * Connects to the database, creates or migrates the schema, and starts landing records on a
     * thread of its own.
     *
     * @param kafkaClientProps connection properties ({@code bootstrap.servers}, security); group
     *     settings are ignored, since positions live in the database
     * @throws SQLException if the database cannot be reached or migrated at start
     * @throws IllegalStateException if the database schema is newer than this sink
     */
    public static PostgresSink start(PostgresSinkConfig config, Topics topics, Map<String, Object> kafkaClientProps,
            Clock clock) throws SQLException {
        Connection connection = connect(config);
        try {
            int before = Migrations.migrate(connection, Migrations.ALL);
            log.info("sink schema ready url={} version={} previous={}", config.redactedUrl(), Migrations.latestVersion(),
                    before);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        var sink = new PostgresSink(config, topics, kafkaClientProps, clock, connection);
        sink.thread.start();
        return sink;
    }

    /** Why the sink stopped on its own, if it did; a supervisor should then restart it. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * The Kafka metrics of the sink's consumer (its {@code records-lag} per partition, say), for
     * the process's consumer lag gauge; reading them takes no lock of the consumer.
     */
    public Map<MetricName, ? extends Metric> kafkaMetrics() {
        return consumer.metrics();
    }

    /** The topics the sink lands. */
    public Set<String> topics() {
        return decoders.keySet();
    }

    /** True while the sink's thread runs. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops after the transaction in progress (committed or rolled back) and closes everything. */
    @Override
    public void close() {
        stopping.countDown();
        if (thread.isAlive()) {
            consumer.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            refreshAssignment();
            while (!stopped()) {
                if (System.nanoTime() - nextRefreshNanos >= 0) {
                    refreshAssignment();
                }
                if (assigned.isEmpty()) {
                    stopping.await(config.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                Batch batch = decode(consumer.poll(config.pollTimeout()));
                if (!batch.isEmpty()) {
                    writeOrRecover(batch);
                }
            }
        } catch (WakeupException e) {
            if (!stopped()) {
                fail(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            fail(t);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            closeQuietly(connection);
            log.info("postgres sink stopped url={}", config.redactedUrl());
        }
    }

    private void writeOrRecover(Batch batch) throws SQLException, InterruptedException {
        try {
            var written = BatchWriter.write(connection, batch, clock.instant());
            log.debug("sink batch committed rows={} ignored_replays={} partitions={}", written.rows(), written.ignored(),
                    batch.nextOffsets().size());
        } catch (SQLException e) {
            if (!isTransient(e)) {
                throw e;
            }
            // the message is not logged: a failed batch entry quotes the row's values
            log.warn("sink database transaction failed, rolled back; will reconnect and read again from the stored "
                    + "offsets sqlstate={} error={}", e.getSQLState(), e.getClass().getSimpleName());
            recover();
        }
    }

    /** Reconnects with backoff until the database answers, then seeks every partition to its stored offset. */
    private void recover() throws SQLException, InterruptedException {
        closeQuietly(connection);
        connection = null;
        Duration backoff = config.minBackoff();
        while (!stopped()) {
            if (stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            try {
                connection = connect(config);
                seekToStoredOffsets();
                log.info("sink database reachable again url={}; reading on from the stored offsets",
                        config.redactedUrl());
                return;
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                closeQuietly(connection);
                connection = null;
                log.warn("sink database still unreachable sqlstate={} retry_in_ms={}", e.getSQLState(), backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void refreshAssignment() throws SQLException, InterruptedException {
        nextRefreshNanos = System.nanoTime() + REFRESH_INTERVAL.toNanos();
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : decoders.keySet()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                log.warn("sink topic does not exist yet, will look again topic={}", topic);
                nextRefreshNanos = System.nanoTime() + config.maxBackoff().toNanos();
                continue;
            }
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        if (partitions.equals(assigned)) {
            return;
        }
        consumer.assign(partitions);
        assigned = Set.copyOf(partitions);
        try {
            seekToStoredOffsets();
        } catch (SQLException e) {
            if (!isTransient(e)) {
                throw e;
            }
            recover();
        }
        log.info("sink assigned partitions={}", assigned.size());
    }

    private void seekToStoredOffsets() throws SQLException {
        Map<TopicPartition, Long> stored = BatchWriter.readOffsets(connection, assigned);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : assigned) {
            Long next = stored.get(tp);
            if (next == null) {
                fresh.add(tp);
            } else {
                consumer.seek(tp, next);
            }
        }
        consumer.seekToBeginning(fresh);
    }

    private Batch decode(ConsumerRecords<String, byte[]> records) {
        List<Row> rows = new ArrayList<>(records.count());
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            if (record.value() == null) {
                continue;
            }
            try {
                rows.add(decoders.get(record.topic()).apply(record.value()));
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot land the record at " + record.topic() + "-" + record.partition()
                        + "@" + record.offset() + ": " + e.getMessage(), e);
            }
        }
        return new Batch(rows, next);
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    private void fail(Throwable t) {
        failure = t;
        log.error("postgres sink stopped on an error it cannot retry url={}", config.redactedUrl(), t);
    }

    /**
     * Failures that pass when the database is back: lost or refused connections (class 08),
     * operator intervention such as a terminated backend or a shutdown (57), insufficient
     * resources (53), serialization failures and deadlocks (40), and system errors (58).
     */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String cls = sql.getSQLState().length() >= 2 ? sql.getSQLState().substring(0, 2) : "";
                if (List.of("08", "57", "53", "40", "58").contains(cls)) {
                    return true;
                }
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static <V> Function<byte[], Row> decoder(Topic<String, V> topic, Function<V, Row> mapping) {
        var deserializer = topic.valueSerde().deserializer();
        return bytes -> mapping.apply(deserializer.deserialize(topic.name(), bytes));
    }

    static Map<String, Object> consumerProps(Map<String, Object> clientProps) {
        Map<String, Object> props = new HashMap<>(KafkaClientProps.consumer(clientProps, Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, APPLICATION_NAME,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000), Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        return props;
    }

    private static Connection connect(PostgresSinkConfig config) throws SQLException {
        Properties props = new Properties();
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("connectTimeout", "10");
        if (config.user() != null) {
            props.setProperty("user", config.user());
        }
        if (config.password() != null) {
            props.setProperty("password", config.password());
        }
        return DriverManager.getConnection(config.jdbcUrl(), props);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing a sink database connection failed sqlstate={}", e.getSQLState());
        }
    }
}
