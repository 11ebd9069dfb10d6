package io.sluice.ingress;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sluice.schemas.topic.Topics;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible HTTP ingress: {@code POST /v1/chat/completions}, {@code GET /v1/models},
 * {@code GET /v1/budgets}, {@code GET /health}, {@code GET /health/live}, {@code GET /metrics} (an admin route
 * when {@code ingress.metrics-require-admin} is set) and the dashboard ({@code GET /dashboard} and
 * {@code /dashboard/data}, from the metrics topic), over HTTPS when {@code ingress.tls} is set. Chat requests are
 * produced to the requests topic and answered from this instance's partition of the replies
 * topic. Uses epoll where available, NIO otherwise; never blocks an event loop. The admin API
 * ({@code /v1/admin/tenants}, {@code /v1/admin/keys}, ...) manages tenants and keys in the
 * {@code tenants} topic, which every instance follows: its keys open requests next to the configured ones; it
 * also publishes prompts and moves their labels ({@code /v1/admin/prompts}) on the {@code prompts} topic.
 */
public final class IngressServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngressServer.class);
    /** How long {@link #start()} waits for Kafka metadata. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HEALTH_REFRESH = Duration.ofSeconds(1);
    /** How long {@link #close()} lets requests in flight finish before closing their connections. */
    private static final Duration MAX_DRAIN = Duration.ofSeconds(10);
    /**
     * How long {@link #close()} waits for the 503s it sends to requests still waiting after the
     * drain: they are written by the event loops, which close their channels as soon as they stop.
     */
    private static final Duration FINAL_ANSWERS = Duration.ofSeconds(1);
    /** File downloads served at once; each holds a thread for as long as its client reads. */
    private static final int MAX_DOWNLOADS = 4;
    private static final Duration SHUTDOWN_QUIET = Duration.ofMillis(100);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    static final String REPLIES_CHECK = "ingress-replies";

    private final IngressSettings settings;
    private final Topics topics;
    private final Map<String, Object> kafkaClientProps;
    private final ApiKeyAuthenticator auth;
    private final ModelCatalog models;
    private final List<HealthCheck> checks;
    private final PrometheusMeterRegistry meters;
    private final Clock clock;
    private final Duration maxDrain;
    private final IngressMetrics metrics;
    private final AdminSettings admin;

    private BatchLimits batchLimits;
    private BatchPricing batchPricing = BatchPricing.free();
    private boolean batchesOnKafka;
    private FileStore files;
    private BatchLog batchLog;
    private BatchBoard batchBoard;
    private java.util.concurrent.ExecutorService batchThread;
    private java.util.concurrent.ExecutorService downloadThreads;
    private KafkaRequestSubmitter submitter;
    private BudgetBoard budgets;
    private FeedbackRecorder feedback;
    private MetricsBoard dashboard;
    private TenantDirectory tenants;
    private ModelDirectory registry;
    private PromptDirectory prompts;
    private AdminLog adminLog;
    private java.util.concurrent.ExecutorService adminThread;
    private ScheduledExecutorService background;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private volatile boolean closing;
    private boolean started;
    private boolean closed;

    public IngressServer(IngressSettings settings, Topics topics, Map<String, Object> kafkaClientProps,
                         ApiKeyAuthenticator auth, ModelCatalog models, List<HealthCheck> checks,
                         PrometheusMeterRegistry meters, Clock clock) {
        this(settings, topics, kafkaClientProps, auth, models, checks, meters, clock, AdminSettings.defaults());
    }

    /** @param admin how the admin API manages tenants and keys */
    public IngressServer(IngressSettings settings, Topics topics, Map<String, Object> kafkaClientProps,
                         ApiKeyAuthenticator auth, ModelCatalog models, List<HealthCheck> checks,
                         PrometheusMeterRegistry meters, Clock clock, AdminSettings admin) {
        this(settings, topics, kafkaClientProps, auth, models, checks, meters, clock, MAX_DRAIN, admin);
    }

    /** As the public constructor, with {@code maxDrain} bounding how long {@link #close()} waits for answers. */
    IngressServer(IngressSettings settings, Topics topics, Map<String, Object> kafkaClientProps,
                  ApiKeyAuthenticator auth, ModelCatalog models, List<HealthCheck> checks,
                  PrometheusMeterRegistry meters, Clock clock, Duration maxDrain) {
        this(settings, topics, kafkaClientProps, auth, models, checks, meters, clock, maxDrain,
                AdminSettings.defaults());
    }

    private IngressServer(IngressSettings settings, Topics topics, Map<String, Object> kafkaClientProps,
                  ApiKeyAuthenticator auth, ModelCatalog models, List<HealthCheck> checks,
                  PrometheusMeterRegistry meters, Clock clock, Duration maxDrain, AdminSettings admin) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.kafkaClientProps = Map.copyOf(kafkaClientProps);
        this.auth = Objects.requireNonNull(auth, "auth");
        this.models = Objects.requireNonNull(models, "models");
        this.checks = List.copyOf(checks);
        this.meters = Objects.requireNonNull(meters, "meters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxDrain = Objects.requireNonNull(maxDrain, "maxDrain");
        this.metrics = new IngressMetrics(meters, clock);
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * Serves the OpenAI Files and Batch APIs ({@code /v1/files}, {@code /v1/batches}) too, within
     * {@code limits}, checking a batch's worst-case cost with {@code pricing}. Call before {@link #start()}.
     */
    public synchronized IngressServer withBatches(BatchLimits limits, BatchPricing pricing) {
        if (started) {
            throw new IllegalStateException("the ingress was already started");
        }
        this.batchLimits = Objects.requireNonNull(limits, "limits");
        this.batchPricing = Objects.requireNonNull(pricing, "pricing");
        return this;
    }

    /**
     * Connects to Kafka (producer, reply listener), then binds the HTTP port. On failure whatever
     * was started is stopped again and the failure is thrown.
     */
    public synchronized void start() {
        batchesOnKafka = batchLimits != null;
        startWith(() -> KafkaRequestSubmitter.connect(topics, kafkaClientProps, settings, START_TIMEOUT),
                () -> FeedbackRecorder.kafka(kafkaClientProps, topics.auditRaw().name(),
                        topics.auditRaw().keySerde().serializer(), topics.auditRaw().valueSerde().serializer()),
                () -> AdminLog.kafka(kafkaClientProps, topics.tenants(), topics.models(), topics.prompts(),
                        topics.auditRaw()));
    }

    /** Starts with the Kafka side {@code kafka} connects and no way to record feedback (503); tests pass Kafka's mock clients. */
    synchronized void startWith(Supplier<KafkaRequestSubmitter> kafka) {
        startWith(kafka, FeedbackRecorder::unavailable, AdminLog::unavailable);
    }

    private synchronized void startWith(Supplier<KafkaRequestSubmitter> kafka, Supplier<FeedbackRecorder> feedbackSide,
                                        Supplier<AdminLog> adminSide) {
        if (started) {
            throw new IllegalStateException("the ingress was already started");
        }
        started = true;
        try {
            SslContext tls = settings.tls() == null ? null : serverTls(settings.tls());
            submitter = kafka.get();
            background = Executors.newSingleThreadScheduledExecutor(
                    new DefaultThreadFactory("sluice-ingress-background", true));
            HealthMonitor health = healthMonitor();
            health.refresh();
            background.scheduleWithFixedDelay(health::refresh, HEALTH_REFRESH.toMillis(), HEALTH_REFRESH.toMillis(),
                    TimeUnit.MILLISECONDS);
            budgets = new BudgetBoard(topics.budgets(), kafkaClientProps, metrics);
            budgets.start();
            feedback = feedbackSide.get();
            dashboard = new MetricsBoard(topics.metrics(), clock, settings.dashboardWindow());
            dashboard.start(kafkaClientProps);
            tenants = new TenantDirectory(topics.tenants(), kafkaClientProps, clock);
            tenants.start();
            registry = new ModelDirectory(topics.models(), kafkaClientProps);
            registry.start();
            prompts = new PromptDirectory(topics.prompts(), kafkaClientProps);
            prompts.start();
            ModelCatalog catalog = ModelCatalog.withRegistry(models, registry);
            adminLog = adminSide.get();
            adminThread = Executors.newSingleThreadExecutor(new DefaultThreadFactory("sluice-ingress-admin", true));
            ApiKeyAuthenticator keys = auth.withDirectory(tenants);
            var adminRoutes = new AdminHandler(keys,
                    new ChatRequestParser(settings.maxJsonDepth(), settings.maxBodyBytes()),
                    new TenantAdmin(tenants, adminLog, auth, clock, admin.keyRotationGrace()),
                    new ModelAdmin(registry, adminLog, models, clock), new PromptAdmin(prompts, adminLog, clock),
                    adminThread);
            var routes = new IngressRoutes(settings, keys, catalog, submitter, health, meters, metrics, clock,
                    background, topics.replies().name(), submitter.replyPartition(), budgets, feedback, dashboard,
                    adminRoutes, batchesOnKafka ? startBatches(keys, catalog) : null);
            bind(new HttpServerInitializer(routes, metrics, settings, tls, () -> closing));
            log.info("ingress.started host={} port={} transport={} tls={} reply_topic={} reply_partition={} models={}"
                            + " admin_keys={} trusted_proxies={} metrics_require_admin={}",
                    settings.host(), port(), Epoll.isAvailable() ? "epoll" : "nio", tls != null,
                    topics.replies().name(), submitter.replyPartition(), models.models().size(), auth.adminKeys(),
                    settings.trustedProxies(), settings.metricsRequireAdmin());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The file store, the batch log and board, and the thread their blocking work runs on. */
    private BatchApi startBatches(ApiKeyAuthenticator keys, ModelCatalog catalog) {
        files = new FileStore(topics.files(), topics.filesMeta(), kafkaClientProps, batchLimits.chunkBytes());
        files.start();
        batchBoard = new BatchBoard(topics.batches(), kafkaClientProps);
        batchBoard.start();
        batchLog = new BatchLog(topics.batchCommands(), kafkaClientProps, settings.maxBodyBytes());
        batchThread = Executors.newSingleThreadExecutor(new DefaultThreadFactory("sluice-ingress-batches", true));
        // at most four downloads at once, no queue: a fifth is answered 503 rather than waiting behind slow readers
        downloadThreads = new java.util.concurrent.ThreadPoolExecutor(0, MAX_DOWNLOADS, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), new DefaultThreadFactory("sluice-ingress-downloads", true));
        return new BatchApi(keys, catalog, new ChatRequestParser(settings.maxJsonDepth(), settings.maxBodyBytes()),
                files, batchLog, batchBoard, new BatchBudget(budgets, batchPricing), batchLimits, batchThread, downloadThreads,
                clock);
    }

    /** TLS 1.3 and 1.2 from PEM files, through the JDK's provider; a file that cannot be used is a config error. */
    static SslContext serverTls(IngressSettings.Tls tls) {
        for (var file : List.of(tls.certFile(), tls.keyFile())) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("ingress.tls: cannot read " + file);
            }
        }
        try {
            return SslContextBuilder.forServer(tls.certFile().toFile(), tls.keyFile().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("ingress.tls: cannot use cert-file " + tls.certFile() + " with key-file "
                    + tls.keyFile() + " (PEM certificate chain and unencrypted PKCS#8 key expected): " + e.getMessage(), e);
        }
    }

    private HealthMonitor healthMonitor() {
        List<HealthCheck> all = new ArrayList<>();
        KafkaRequestSubmitter s = submitter;
        all.add(HealthCheck.of(REPLIES_CHECK, () -> s.listening()
                ? HealthCheck.Result.up("reading partition " + s.replyPartition())
                : HealthCheck.Result.down("the reply listener stopped")));
        all.addAll(checks);
        return new HealthMonitor(all);
    }

    private void bind(HttpServerInitializer initializer) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sluice-ingress-accept"), io);
        workerGroup = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new DefaultThreadFactory("sluice-ingress-io"), io);
        var bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
        var bound = bootstrap.bind(new InetSocketAddress(settings.host(), settings.port())).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot bind the ingress to " + settings.host() + ":" + settings.port(),
                    bound.cause());
        }
        serverChannel = bound.channel();
    }

    /** The port the server listens on (useful when the settings asked for port 0). */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("the ingress is not listening");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The partition of the replies topic this instance reads. */
    public synchronized int replyPartition() {
        if (submitter == null) {
            throw new IllegalStateException("the ingress is not started");
        }
        return submitter.replyPartition();
    }

    /**
     * Stops in an order that leaves no client without an answer: from now on new requests get 503
     * shutting_down and every connection closes after its answer; the listening socket closes;
     * requests in flight get a while to be answered; those still waiting then get 503
     * shutting_down; only then do the event loops and the Kafka clients stop. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
            if (!awaitAnswered(drainLimit())) {
                log.warn("ingress.drain_incomplete in_flight={} answered_with=503", metrics.inFlight());
            }
        }
        if (submitter != null) {
            submitter.failPending();
        }
        if (serverChannel != null && !awaitAnswered(FINAL_ANSWERS)) {
            log.warn("ingress.final_answers_incomplete in_flight={}", metrics.inFlight());
        }
        shutdown(workerGroup);
        shutdown(bossGroup);
        if (submitter != null) {
            submitter.close();
        }
        if (feedback != null) {
            feedback.close();
        }
        if (budgets != null) {
            budgets.close();
        }
        if (adminThread != null) {
            adminThread.shutdownNow();
        }
        if (downloadThreads != null) {
            downloadThreads.shutdownNow();
        }
        if (batchThread != null) {
            batchThread.shutdownNow();
        }
        for (AutoCloseable part : new AutoCloseable[] {batchLog, batchBoard, files}) {
            closeQuietly(part);
        }
        if (adminLog != null) {
            adminLog.close();
        }
        if (tenants != null) {
            tenants.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (prompts != null) {
            prompts.close();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (background != null) {
            background.shutdownNow();
        }
        log.info("ingress.stopped");
    }

    private static void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            log.warn("ingress.close_failed part={}", part.getClass().getSimpleName(), e);
        }
    }

    private Duration drainLimit() {
        return settings.requestTimeout().compareTo(maxDrain) < 0 ? settings.requestTimeout() : maxDrain;
    }

    /** Waits until no chat request is waiting for its answer, at most {@code limit}; true if none is. */
    private boolean awaitAnswered(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (metrics.inFlight() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return metrics.inFlight() == 0;
    }

    private static void shutdown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(SHUTDOWN_QUIET.toMillis(), SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly();
        }
    }
}
