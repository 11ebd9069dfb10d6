package io.sluice.processors.invoker;

import io.sluice.avro.AiReply;
import io.sluice.avro.ReplyAddress;
import io.sluice.processors.provider.StreamSink;
import io.sluice.processors.records.Replies;
import io.sluice.schemas.topic.Topic;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of one streamed call: turns each delta into a {@code CHUNK} reply (sequence 1, 2, 3,
 * ...; the first names the model) for the requester's reply address, and notes when the first
 * delta arrived. A request without a reply address streams nothing.
 *
 * <p>Threads: deltas come on a provider's thread, one at a time; each is serialised there (the
 * writer schema is registered at start, so that is cheap) and handed to the poll thread through
 * the mailbox, which sends it on the reply producer in order, fire-and-forget: a chunk's offset is
 * not waited for, and a failed chunk is logged once per request. The provider thread never blocks
 * on Kafka. Chunks that reach the poll thread after the job was answered are dropped, so that the
 * {@code FINAL} reply is always the last.
 */
final class ChunkReplies implements StreamSink {
    private static final Logger log = LoggerFactory.getLogger(ChunkReplies.class);

    private final Job job;
    private final Topic<String, AiReply> format;
    private final ReplyAddress replyTo;
    private final Producer<byte[], byte[]> replyProducer;
    private final Mailbox mailbox;
    private final Clock clock;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private volatile String responseModel;
    private volatile int sequence;
    private volatile Instant firstByteAt;
    private final StringBuilder delivered = new StringBuilder();
    private final AnswerFilter.ChunkTransform transform;

    ChunkReplies(Job job, Topic<String, AiReply> format, Producer<byte[], byte[]> replyProducer, Mailbox mailbox,
            Clock clock) {
        this(job, format, replyProducer, mailbox, clock, null);
    }

    /** @param transform what the answer goes through before it is sent (output filtering), or null */
    ChunkReplies(Job job, Topic<String, AiReply> format, Producer<byte[], byte[]> replyProducer, Mailbox mailbox,
            Clock clock, AnswerFilter.ChunkTransform transform) {
        this.transform = transform;
        this.job = job;
        this.format = format;
        this.replyTo = job.invocation().getRequest().getReplyTo();
        this.replyProducer = replyProducer;
        this.mailbox = mailbox;
        this.clock = clock;
        this.responseModel = job.invocation().getUpstreamModel();
    }

    /** The text streamed so far: what the provider billed if the call is cut short. */
    String delivered() {
        synchronized (delivered) {
            return delivered.toString();
        }
    }

    /** When the first delta arrived, or null if none did. */
    Instant firstByteAt() {
        return firstByteAt;
    }

    @Override
    public void model(String model) {
        if (model != null && !model.isBlank()) {
            responseModel = model;
        }
    }

    /** Provider thread: one delta, never concurrently with another. */
    @Override
    public void delta(String content) {
        if (firstByteAt == null) {
            firstByteAt = clock.instant();
        }
        synchronized (delivered) {
            delivered.append(content);
        }
        String out = transform == null ? content : transform.accept(content);
        if (!out.isEmpty()) {
            emit(out, true);
        }
    }

    /**
     * Poll thread, once the call is done and before the final reply: sends what the output filter
     * still held back (a possible match at the end of the stream), straight away, so that it goes
     * out after every earlier chunk and before the final reply.
     */
    void flush() {
        if (transform != null) {
            String rest = transform.finish();
            if (!rest.isEmpty()) {
                emit(rest, false);
            }
        }
    }

    private void emit(String content, boolean viaMailbox) {
        if (replyTo == null) {
            return;
        }
        int next = sequence + 1;
        sequence = next;
        AiReply chunk = Replies.chunk(job.requestId(), next, content, next == 1 ? responseModel : null);
        if (next == 1) {
            chunk.setRateLimit(job.invocation().getRateLimit());
        }
        ProducerRecord<byte[], byte[]> record;
        try {
            String topic = replyTo.getTopic();
            record = new ProducerRecord<>(topic, replyTo.getPartition(),
                    format.keySerde().serializer().serialize(topic, job.requestId()),
                    format.valueSerde().serializer().serialize(topic, chunk));
        } catch (RuntimeException e) {
            undelivered(next, e);
            return;
        }
        if (viaMailbox) {
            mailbox.post(() -> send(record, next));
        } else {
            send(record, next);
        }
    }

    /** Poll thread. */
    private void send(ProducerRecord<byte[], byte[]> record, int sequence) {
        if (job.isAnswered()) {
            return;
        }
        try {
            replyProducer.send(record, (metadata, error) -> {
                if (error != null) {
                    undelivered(sequence, error);
                }
            });
        } catch (RuntimeException e) {
            undelivered(sequence, e);
        }
    }

    private void undelivered(int sequence, Exception error) {
        if (failureLogged.compareAndSet(false, true)) {
            log.warn("reply chunk not delivered, later failures of this request not logged requestId={} tenant={}"
                    + " topic={} partition={} sequence={} error={}", job.requestId(), job.tenantId(),
                    replyTo.getTopic(), replyTo.getPartition(), sequence, error.toString());
        }
    }
}
