package io.sluice.ingress;

import io.sluice.avro.FileChunk;
import io.sluice.avro.FileRecord;
import io.sluice.schemas.topic.Topic;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files kept on Kafka, so that every ingress instance serves every file and nothing lives in one
 * process's memory or disk: content as chunks on {@code files} (keyed by file id, so one file's
 * chunks share a partition, in order), metadata on the compacted {@code files.meta}, which every
 * instance follows from the beginning. A file is read back by seeking its partition to the time
 * its chunks were written and collecting its chunks. Blocking: call off the event loops.
 */
final class FileStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileStore.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Topic<String, FileChunk> chunks;
    private final Topic<String, FileRecord> meta;
    private final Map<String, Object> clientProps;
    private final int chunkBytes;
    private final Map<String, FileRecord> files = new ConcurrentHashMap<>();
    private Producer<String, Object> producer;
    private TopicTail tail;

    FileStore(Topic<String, FileChunk> chunks, Topic<String, FileRecord> meta, Map<String, ?> clientProps, int chunkBytes) {
        this.chunks = chunks;
        this.meta = meta;
        this.clientProps = Map.copyOf(clientProps);
        this.chunkBytes = chunkBytes;
    }

    synchronized void start() {
        Map<String, Object> props = KafkaClientConfigs.producer(clientProps, chunkBytes);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-ingress-files");
        producer = new KafkaProducer<>(props, chunks.keySerde().serializer(), (topic, value) -> value instanceof FileChunk c
                ? chunks.valueSerde().serializer().serialize(topic, c)
                : meta.valueSerde().serializer().serialize(topic, (FileRecord) value));
        tail = new TopicTail("sluice-ingress-files", meta.name(), clientProps, () -> Instant.EPOCH,
                records -> records.forEach(this::apply));
        tail.start();
    }

    /** Stores {@code content} as a new file and returns its metadata once every byte is acknowledged. */
    FileRecord put(FileRecord.Builder file, byte[] content) {
        long writtenAt = file.getWrittenAt().toEpochMilli();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        int index = 0;
        for (int offset = 0; offset < content.length || index == 0; offset += chunkBytes, index++) {
            byte[] piece = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + chunkBytes));
            FileChunk chunk = new FileChunk(file.getFileId(), index, ByteBuffer.wrap(piece));
            sent.add(producer.send(new ProducerRecord<>(chunks.name(), null, writtenAt, file.getFileId(), chunk)));
        }
        FileRecord record = file.setChunks(index).setBytes(content.length).build();
        await(sent);
        await(List.of(producer.send(new ProducerRecord<>(meta.name(), null, writtenAt, record.getFileId(), record))));
        files.put(record.getFileId(), record);
        return record;
    }

    Optional<FileRecord> get(String fileId) {
        return Optional.ofNullable(files.get(fileId));
    }

    /** The files of {@code tenant}, newest first. */
    List<FileRecord> list(String tenant) {
        return files.values().stream().filter(f -> f.getTenantId().equals(tenant))
                .sorted(Comparator.comparing(FileRecord::getCreatedAt).reversed()).toList();
    }

    /** The content of {@code file}, read from its partition of {@code files}, whole (for input files within the upload limit). */
    byte[] read(FileRecord file) {
        var out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, file.getBytes()));
        read(file, out::writeBytes);
        return out.toByteArray();
    }

    /**
     * Hands the content of {@code file} to {@code sink} chunk by chunk, in order, as it is read
     * from the file's partition of {@code files}; only chunks that arrive ahead of their turn are
     * held. So an output file of any size is served in bounded memory.
     */
    void read(FileRecord file, Consumer<byte[]> sink) {
        Map<String, Object> props = KafkaClientConfigs.replyConsumer(clientProps);
        props.put("client.id", "sluice-ingress-file-reader");
        try (var consumer = new KafkaConsumer<byte[], byte[]>(props)) {
            int partitions = consumer.partitionsFor(chunks.name(), READ_TIMEOUT).size();
            byte[] key = chunks.keySerde().serializer().serialize(chunks.name(), file.getFileId());
            var partition = new TopicPartition(chunks.name(), Utils.toPositive(Utils.murmur2(key)) % partitions);
            consumer.assign(List.of(partition));
            OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(partition, file.getWrittenAt().toEpochMilli()),
                    READ_TIMEOUT).get(partition);
            if (start == null) {
                throw new IllegalStateException("the chunks of file " + file.getFileId() + " are gone");
            }
            consumer.seek(partition, start.offset());
            TreeMap<Integer, byte[]> early = new TreeMap<>();
            int next = 0;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (next < file.getChunks()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading file " + file.getFileId());
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!Arrays.equals(key, record.key())) {
                        continue;
                    }
                    FileChunk chunk = chunks.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    if (chunk.getIndex() < next || chunk.getIndex() >= file.getChunks()) {
                        continue;
                    }
                    byte[] data = new byte[chunk.getData().remaining()];
                    chunk.getData().duplicate().get(data);
                    early.putIfAbsent(chunk.getIndex(), data);
                    for (byte[] due = early.remove(next); due != null; due = early.remove(next)) {
                        sink.accept(due);
                        next++;
                        deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
                    }
                }
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            String id = meta.keySerde().deserializer().deserialize(record.topic(), record.key());
            if (record.value() == null) {
                files.remove(id);
            } else {
                files.put(id, meta.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        } catch (RuntimeException e) {
            log.warn("files.unreadable_record offset={} error={}", record.offset(), e.toString());
        }
    }

    private static void await(List<Future<RecordMetadata>> sent) {
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestSubmitter.SubmitException("interrupted while storing a file", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RequestSubmitter.SubmitException("the files topic did not accept a file", e);
        }
    }

    @Override
    public synchronized void close() {
        if (tail != null) {
            tail.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
