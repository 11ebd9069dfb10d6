package io.sluice.processors.invoker;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.avro.Cancellation;
import io.sluice.avro.DeploymentHealth;
import io.sluice.avro.Invocation;
import io.sluice.processors.provider.Providers;
import io.sluice.schemas.DaemonThreads;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code invocations} and {@code invocations.batch} on its own thread and works up to
 * {@code maxInFlight} records at once (at-least-once): each gets a provider call and, once that is
 * done, a final response, a reply and audit events. Offsets are committed only up to the first
 * record not yet finished. Batch invocations wait in a {@link BatchLane} for their tenant's off-peak
 * window and for room that interactive work leaves (see {@link BatchSchedule}); held, they are not
 * finished, so no commit passes them.
 *
 * <p>A record that is not an invocation goes, bytes unchanged, to the dead-letter topic
 * ({@code <prefix>dlq}) with headers saying why, before its offset counts as finished. A failed
 * produce of a response, an audit event or a dead letter stops the invoker without committing its
 * record: {@link #isRunning()} turns false and {@link #failure()} says why, and the app, which
 * supervises the invoker (health check, process exit), decides what happens next. A reply that
 * cannot be delivered is logged and given up (the response is the record of the outcome).
 *
 * <p>A rebalance that takes partitions away waits, up to the shutdown timeout, for their calls in
 * flight and commits them, so that their next owner does not call the providers again.
 *
 * <p>Threads: one poll thread owns the consumer and the offsets; provider and producer callbacks
 * come back to it through a {@link Mailbox}, waking it from {@code poll}.
 *
 * <p>The invoker does not own the {@link Providers}; close them after the invoker.
 */
public final class Invoker implements AutoCloseable {
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(Invoker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);
    private static final long MAILBOX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final InvokerSettings settings;
    private final List<String> topics;
    private final String deadLetterTopic;
    private final Deserializer<Invocation> invocations;
    private final InvokerClients clients;
    private final Consumer<byte[], byte[]> consumer;
    private final Mailbox mailbox;
    private final Dispatcher dispatcher;
    private final InvokerMetrics metrics;
    private final Offsets offsets = new Offsets();
    private final ScheduledThreadPoolExecutor timer;
    private final Circuits circuits;
    private final ControlFeed controlFeed;
    private final Work work;
    private final BatchLane batch;
    private volatile boolean running;
    private volatile Throwable failure;
    private Thread thread;
    private boolean closed;
    private boolean leaving;
    private final Commits commits;

    public Invoker(InvokerSettings settings, Topics topics, Map<String, Object> kafkaClientProps, Providers providers,
            MeterRegistry meters, Clock clock) {
        this(settings, topics, InvokerClients.open(settings, kafkaClientProps), providers, meters, clock,
                COMMIT_INTERVAL);
    }

    Invoker(InvokerSettings settings, Topics topics, InvokerClients clients, Providers providers, MeterRegistry meters,
            Clock clock, Duration commitInterval) {
        this.settings = settings;
        this.topics = List.of(topics.invocations().name(), topics.invocationsBatch().name());
        this.deadLetterTopic = topics.prefix() + "dlq";
        this.invocations = topics.invocations().valueSerde().deserializer();
        this.clients = clients;
        this.consumer = clients.consumer();
        this.mailbox = new Mailbox(consumer::wakeup);
        this.work = new Work(settings.maxInFlight(), topics.invocationsBatch().name());
        this.metrics = new InvokerMetrics(meters, work.inFlight());
        this.commits = new Commits(consumer, offsets, commitInterval);
        this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("sluice-invoker-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        String instance = settings.groupId() + "-" + UUID.randomUUID().toString().substring(0, 8);
        var deployments = topics.deployments();
        this.circuits = new Circuits(settings.resilience(), instance, clock, new SplittableRandom(),
                health -> publish(deployments, health));
        this.batch = new BatchLane(topics.invocationsBatch().name(), settings.batch(), clock, circuits, work, metrics);
        this.dispatcher = new Dispatcher(topics, clients.producer(), clients.replyProducer(), providers, clock,
                mailbox, metrics, new Dispatcher.Listener() {
                    @Override
                    public void finished(Job job) {
                        Invoker.this.finished(job);
                    }

                    @Override
                    public void produceFailed(Job job, String topicName, Exception error) {
                        fail("invoker produce failed, stopping without committing requestId=" + job.requestId()
                                + " tenant=" + job.tenantId() + " topic=" + topicName, error);
                    }
                }, circuits, settings.resilience(), timer, new SplittableRandom());
        this.controlFeed = clients.controlConsumer() == null ? null : new ControlFeed(clients.controlConsumer(),
                deployments, topics.cancels(), health -> mailbox.post(() -> circuits.apply(health)), this::cancel);
    }

    /** Any thread: the requester of {@code cancellation} went away; its call is aborted if it runs here. */
    void cancel(Cancellation cancellation) {
        mailbox.post(() -> {
            dispatcher.cancel(cancellation);
            batch.cancelled(cancellation.getRequestId());
        });
    }

    /** Poll thread: shares a circuit state change with the other instances; a lost one is only logged. */
    private void publish(Topic<String, DeploymentHealth> deployments, DeploymentHealth health) {
        metrics.circuit(health.getDeployment(), health.getState().name());
        try {
            String topic = deployments.name();
            clients.producer().send(new ProducerRecord<>(topic,
                    deployments.keySerde().serializer().serialize(topic, health.getDeployment()),
                    deployments.valueSerde().serializer().serialize(topic, health)), (metadata, error) -> {
                        if (error != null) {
                            log.warn("circuit state not shared deployment={} state={} error={}", health.getDeployment(),
                                    health.getState(), error.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("circuit state not shared deployment={} state={} error={}", health.getDeployment(),
                    health.getState(), e.toString());
        }
    }

    /** Starts consuming on a thread of its own. */
    public synchronized void start() {
        if (thread != null || closed) {
            throw new IllegalStateException("an invoker starts once");
        }
        running = true;
        if (controlFeed != null) {
            controlFeed.start();
        }
        thread = new Thread(this::run, "sluice-invoker");
        thread.start();
    }

    /**
     * The Kafka metrics of the invocations consumer (its {@code records-lag} per partition, say),
     * for the process's consumer lag gauge; reading them takes no lock of the consumer.
     */
    public Map<MetricName, ? extends Metric> consumerMetrics() {
        return consumer.metrics();
    }

    /** True while the invoker consumes; false before start, after close, or after a fatal error. */
    public boolean isRunning() {
        return running;
    }

    /** What stopped the invoker, if it stopped on its own; the app's health check reports it. */
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
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            worker = thread;
        }
        if (worker == null) {
            clients.close(settings.shutdownTimeout());
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
        if (controlFeed != null) {
            controlFeed.close();
        }
        timer.shutdownNow();
        metrics.close();
    }

    private void run() {
        log.info("invoker started topics={} groupId={} maxInFlight={}", topics, settings.groupId(),
                settings.maxInFlight());
        try {
            subscribe();
            while (running) {
                runOnce();
            }
            drain();
        } catch (RuntimeException | Error e) {
            failure = e;
            running = false;
            log.error("invoker stopped by an unexpected error error={}", e.toString(), e);
        } finally {
            leaving = true;
            try {
                commits.commitSync();
            } catch (RuntimeException e) {
                log.warn("invoker final commit failed error={}", e.toString());
            }
            clients.close(settings.shutdownTimeout());
            log.info("invoker stopped inFlight={}", work.inFlight().get());
        }
    }

    /** Poll thread: joins the group. Package-private so that tests can drive the loop by hand. */
    void subscribe() {
        consumer.subscribe(topics, new Rebalance());
    }

    /** Poll thread: one turn of the loop. Package-private so that tests can drive the loop by hand. */
    void runOnce() {
        mailbox.runAll();
        startQueued();
        applyBackpressure();
        commits.commitIfDue();
        for (ConsumerRecord<byte[], byte[]> record : poll()) {
            accept(record);
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
        Invocation invocation;
        try {
            invocation = decode(record);
        } catch (RuntimeException e) {
            deadLetter(record, partition, tracker, e);
            return;
        }
        var job = new Job(partition, record.offset(), tracker, invocation);
        if (batch.owns(partition)) {
            batch.hold(job);
        } else if (work.canStartNow()) {
            start(job);
        } else {
            work.enqueue(job);
        }
    }

    private Invocation decode(ConsumerRecord<byte[], byte[]> record) {
        Invocation invocation = invocations.deserialize(record.topic(), record.headers(), record.value());
        if (invocation == null) {
            throw new SerializationException("the record has no value");
        }
        return invocation;
    }

    /** Sends an unreadable record to the dead-letter topic; its offset is finished once that is acknowledged. */
    private void deadLetter(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, OffsetTracker tracker,
            RuntimeException error) {
        log.error("invoker sends a record that is not an Invocation to the dead-letter topic topic={} partition={}"
                + " offset={} dlq={} error={}", record.topic(), record.partition(), record.offset(), deadLetterTopic,
                error.toString());
        metrics.poison(record.topic());
        work.started(partition);
        long offset = record.offset();
        try {
            clients.producer().send(DeadLetters.record(deadLetterTopic, record, error),
                    (metadata, sendError) -> mailbox.post(() -> deadLettered(partition, tracker, offset, sendError)));
        } catch (RuntimeException e) {
            deadLettered(partition, tracker, offset, e);
        }
    }

    private void deadLettered(TopicPartition partition, OffsetTracker tracker, long offset, Exception error) {
        work.done(partition);
        if (error != null) {
            fail("invoker dead-letter produce failed, stopping without committing partition=" + partition
                    + " offset=" + offset, error);
            return;
        }
        tracker.finish(offset);
    }

    private void start(Job job) {
        work.started(job.partition());
        dispatcher.start(job);
    }

    /** Interactive jobs first; batch ones only in the room they leave, as the batch lane allows. */
    private void startQueued() {
        Job job;
        while ((job = work.nextToStart()) != null) {
            start(job);
        }
        while ((job = batch.next(work)) != null) {
            start(job);
        }
    }

    /** Pauses everything at the in-flight bound, the batch partitions when the batch lane says so; resumes the rest. */
    private void applyBackpressure() {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> batchPause = batch.toPause(assigned);
        Set<TopicPartition> pause = work.full() ? assigned : batchPause;
        Set<TopicPartition> paused = consumer.paused();
        var resume = new HashSet<>(paused);
        resume.removeAll(pause);
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        if (!paused.containsAll(pause)) {
            consumer.pause(pause);
        }
    }

    private void finished(Job job) {
        job.tracker().finish(job.offset());
        work.done(job.partition());
    }

    private void fail(String what, Exception error) {
        log.error("{} error={}", what, error.toString());
        if (failure == null) {
            failure = error;
        }
        running = false;
    }

    private void drain() {
        work.dropAllQueued();
        batch.dropAll();
        if (!awaitMailboxUntil(() -> work.inFlight().get() == 0)) {
            log.warn("invoker shutdown timed out inFlight={}", work.inFlight().get());
        }
    }

    /**
     * Runs the mailbox until {@code done} holds, the invoker failed, or the shutdown timeout passed;
     * true if {@code done} holds.
     */
    private boolean awaitMailboxUntil(BooleanSupplier done) {
        mailbox.runAll();
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        while (!done.getAsBoolean() && failure == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            mailbox.awaitAndRunAll(Math.min(left, MAILBOX_WAIT_NANOS));
        }
        return done.getAsBoolean();
    }

    /**
     * Before partitions go: waits for their calls in flight (running the mailbox meanwhile) and
     * commits them; their queued jobs never started, so their next owner starts them.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            work.dropQueued(partitions);
            batch.drop(partitions);
            mailbox.awake(); // this thread runs the mailbox here; a post need not wake it from poll
            boolean finished = leaving || awaitMailboxUntil(() -> !work.startedOn(partitions));
            if (!finished) {
                log.warn("invoker gives up partitions with calls in flight; their next owner repeats them"
                        + " partitions={} inFlight={}", partitions, work.inFlight().get());
            }
            commits.commitSync();
            offsets.remove(partitions);
            log.info("invoker partitions revoked partitions={} inFlight={}", partitions, work.inFlight().get());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            work.dropQueued(partitions);
            batch.drop(partitions);
            offsets.remove(partitions);
            log.warn("invoker partitions lost partitions={} inFlight={}", partitions, work.inFlight().get());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            offsets.assign(partitions);
            log.info("invoker partitions assigned partitions={}", partitions);
        }
    }
}
