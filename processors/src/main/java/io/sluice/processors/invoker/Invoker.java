package io.sluice.processors.invoker;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.avro.Invocation;
import io.sluice.processors.provider.Providers;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code invocations} on its own thread and works up to {@code maxInFlight} records at
 * once (at-least-once): each gets a provider call and, once that is done, a final response, a
 * reply and audit events. Offsets are committed only up to the first record not yet finished.
 * Undecodable records are logged, counted and skipped. A failed produce of a response or an audit
 * event stops the invoker without committing its record, so a restart repeats it; a reply that
 * cannot be delivered is logged and given up (the response is the record of the outcome).
 *
 * <p>Threads: one poll thread owns the consumer and the offsets; provider and producer callbacks
 * come back to it through a {@link Mailbox}, waking it from {@code poll}.
 *
 * <p>The invoker does not own the {@link Providers}; close them after the invoker.
 */
public final class Invoker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Invoker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private final InvokerSettings settings;
    private final String topic;
    private final Deserializer<Invocation> invocations;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final Mailbox mailbox;
    private final Dispatcher dispatcher;
    private final InvokerMetrics metrics;
    private final Offsets offsets = new Offsets();
    private final ArrayDeque<Job> backlog = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean clientsClosed = new AtomicBoolean();
    private volatile boolean running;
    private volatile Throwable failure;
    private Thread thread;
    private boolean closed;
    private long lastCommitNanos;

    public Invoker(InvokerSettings settings, Topics topics, Map<String, Object> kafkaClientProps, Providers providers,
            MeterRegistry meters, Clock clock) {
        this(settings, topics, new KafkaConsumer<>(ClientProps.consumer(settings, kafkaClientProps),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()), kafkaClientProps, providers, meters, clock);
    }

    private Invoker(InvokerSettings settings, Topics topics, Consumer<byte[], byte[]> consumer,
            Map<String, Object> kafkaClientProps, Providers providers, MeterRegistry meters, Clock clock) {
        this(settings, topics, consumer, producerOrClose(consumer, kafkaClientProps), providers, meters, clock);
    }

    Invoker(InvokerSettings settings, Topics topics, Consumer<byte[], byte[]> consumer,
            Producer<byte[], byte[]> producer, Providers providers, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.topic = topics.invocations().name();
        this.invocations = topics.invocations().valueSerde().deserializer();
        this.consumer = consumer;
        this.producer = producer;
        this.mailbox = new Mailbox(consumer::wakeup);
        this.metrics = new InvokerMetrics(meters, inFlight);
        this.dispatcher = new Dispatcher(topics, producer, providers, clock, mailbox, metrics, new Dispatcher.Listener() {
            @Override
            public void finished(Job job) {
                Invoker.this.finished(job);
            }

            @Override
            public void produceFailed(Job job, String topicName, Exception error) {
                Invoker.this.produceFailed(job, topicName, error);
            }
        });
    }

    /** Starts consuming on a thread of its own. */
    public synchronized void start() {
        if (thread != null || closed) {
            throw new IllegalStateException("an invoker starts once");
        }
        running = true;
        thread = new Thread(this::run, "sluice-invoker");
        thread.start();
    }

    /** True while the invoker consumes; false before start, after close, or after a fatal error. */
    public boolean isRunning() {
        return running;
    }

    /** What stopped the invoker, if it stopped on its own. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Stops polling, waits up to the shutdown timeout for the records in flight to finish, commits
     * what is finished and closes the Kafka clients.
     */
    @Override
    public void close() {
        Thread worker;
        synchronized (this) {
            closed = true;
            running = false;
            worker = thread;
        }
        if (worker == null) {
            closeClients();
        } else {
            consumer.wakeup();
            try {
                worker.join(settings.shutdownTimeout().plus(CLOSE_GRACE).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.isAlive()) {
                log.warn("invoker thread did not stop in time");
            }
        }
        metrics.close();
    }

    private void run() {
        log.info("invoker started topic={} groupId={} maxInFlight={}", topic, settings.groupId(),
                settings.maxInFlight());
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                mailbox.runAll();
                startFromBacklog();
                applyBackpressure();
                commitIfDue();
                for (ConsumerRecord<byte[], byte[]> record : poll()) {
                    accept(record);
                }
            }
            drain();
        } catch (RuntimeException | Error e) {
            failure = e;
            running = false;
            log.error("invoker stopped by an unexpected error error={}", e.toString(), e);
        } finally {
            try {
                commitSync();
            } catch (RuntimeException e) {
                log.warn("invoker final commit failed error={}", e.toString());
            }
            closeClients();
            log.info("invoker stopped inFlight={}", inFlight.get());
        }
    }

    private ConsumerRecords<byte[], byte[]> poll() {
        Duration timeout = mailbox.prepareToWait() ? POLL_TIMEOUT : Duration.ZERO;
        try {
            return consumer.poll(timeout);
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        } finally {
            mailbox.awake();
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        var partition = new TopicPartition(record.topic(), record.partition());
        OffsetTracker tracker = offsets.track(partition, record.offset());
        Invocation invocation = decode(record);
        if (invocation == null) {
            tracker.finish(record.offset());
            return;
        }
        var job = new Job(partition, record.offset(), tracker, invocation);
        if (backlog.isEmpty() && inFlight.get() < settings.maxInFlight()) {
            start(job);
        } else {
            backlog.add(job);
        }
    }

    private Invocation decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            Invocation invocation = invocations.deserialize(record.topic(), record.headers(), record.value());
            if (invocation != null) {
                return invocation;
            }
            log.error("invoker skipped an empty record topic={} partition={} offset={}", record.topic(),
                    record.partition(), record.offset());
        } catch (RuntimeException e) {
            log.error("invoker skipped a record that is not an Invocation topic={} partition={} offset={} error={}",
                    record.topic(), record.partition(), record.offset(), e.toString());
        }
        metrics.poison(record.topic());
        return null;
    }

    private void start(Job job) {
        inFlight.incrementAndGet();
        dispatcher.start(job);
    }

    private void startFromBacklog() {
        while (!backlog.isEmpty() && inFlight.get() < settings.maxInFlight()) {
            start(backlog.poll());
        }
    }

    private void applyBackpressure() {
        if (inFlight.get() + backlog.size() >= settings.maxInFlight()) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void finished(Job job) {
        job.tracker().finish(job.offset());
        inFlight.decrementAndGet();
    }

    private void produceFailed(Job job, String topicName, Exception error) {
        log.error("invoker produce failed, stopping without committing requestId={} tenant={} topic={} error={}",
                job.requestId(), job.tenantId(), topicName, error.toString());
        if (failure == null) {
            failure = error;
        }
        running = false;
    }

    private void drain() {
        backlog.clear();
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        while (inFlight.get() > 0 && failure == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                log.warn("invoker shutdown timed out inFlight={}", inFlight.get());
                return;
            }
            mailbox.awaitAndRunAll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    private void commitIfDue() {
        long now = System.nanoTime();
        if (now - lastCommitNanos < COMMIT_INTERVAL_NANOS) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commits = offsets.toCommit();
        if (commits.isEmpty()) {
            return;
        }
        lastCommitNanos = now;
        consumer.commitAsync(commits, (committed, error) -> {
            if (error != null) {
                log.warn("invoker commit failed partitions={} error={}", commits.keySet(), error.toString());
                offsets.commitFailed(commits);
            }
        });
    }

    private void commitSync() {
        Map<TopicPartition, OffsetAndMetadata> commits = offsets.toCommit();
        if (commits.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                consumer.commitSync(commits);
                return;
            } catch (WakeupException e) {
                // a wakeup meant for poll; try again
            } catch (KafkaException e) {
                log.warn("invoker commit failed partitions={} error={}", commits.keySet(), e.toString());
                break;
            }
        }
        offsets.commitFailed(commits);
    }

    private void closeClients() {
        if (!clientsClosed.compareAndSet(false, true)) {
            return;
        }
        // the consumer first: leaving the group revokes partitions, and answers that arrive then still produce
        try {
            consumer.close();
        } catch (RuntimeException e) {
            log.warn("invoker consumer close failed error={}", e.toString());
        }
        try {
            producer.close(settings.shutdownTimeout());
        } catch (RuntimeException e) {
            log.warn("invoker producer close failed error={}", e.toString());
        }
    }

    private static Producer<byte[], byte[]> producerOrClose(Consumer<byte[], byte[]> consumer,
            Map<String, Object> kafkaClientProps) {
        try {
            return new KafkaProducer<>(ClientProps.producer(kafkaClientProps), new ByteArraySerializer(),
                    new ByteArraySerializer());
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Commits what is finished before partitions go, and forgets them. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            mailbox.runAll();
            commitSync();
            forget(partitions);
            log.info("invoker partitions revoked partitions={} inFlight={}", partitions, inFlight.get());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
            log.warn("invoker partitions lost partitions={} inFlight={}", partitions, inFlight.get());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            offsets.assign(partitions);
            log.info("invoker partitions assigned partitions={}", partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            offsets.remove(partitions);
            backlog.removeIf(job -> partitions.contains(job.partition()));
        }
    }
}
