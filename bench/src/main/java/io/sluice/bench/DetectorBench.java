package io.sluice.bench;

import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.sanitize.SanitizePolicy;
import io.sluice.processors.sanitize.Sanitizer;
import io.sluice.processors.sanitize.injection.InjectionDetector;
import io.sluice.processors.sanitize.pii.PiiDetector;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * How fast the sanitize stage's detectors are, on one core: throughput in MB/s of each detector
 * over prompt-like text, and the time the whole stage (standard policy) adds to one request of
 * 1 KB and of 16 KB, as p50/p99. Run: {@code java -cp bench/target/sluice-bench.jar:app/target/sluice.jar io.sluice.bench.DetectorBench}
 * (the app jar supplies the detectors; the bench jar does not shade it).
 */
public final class DetectorBench {
    private static final String[] SENTENCES = {
        "Please summarise the attached quarterly report for the board meeting next Tuesday.",
        "The customer wrote to ana.perez@example.org about invoice 2024-118 and asked for a refund.",
        "Translate the following paragraph into German and keep the formatting intact.",
        "Our API returned HTTP 503 between 10:04 and 10:17 UTC; list the likely causes.",
        "Write a Python function that parses ISO 8601 dates and ignores invalid lines.",
        "Call me back on +44 20 7946 0958 if the delivery slot changes.",
        "Version 3.14.2 fixed the memory leak reported in ticket 88231.",
        "Explain the difference between a system prompt and a user prompt to a new engineer.",
        "Draft a polite reminder that the payment is overdue by fourteen days.",
        "The server at 10.20.30.40 stopped answering after the kernel upgrade.",
    };

    private DetectorBench() {}

    static String text(int bytes, SplittableRandom random) {
        var text = new StringBuilder(bytes + 128);
        while (text.length() < bytes) {
            text.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
        }
        return text.substring(0, bytes);
    }

    public static void main(String[] args) {
        var random = new SplittableRandom(42);
        PiiDetector pii = PiiDetector.standard();
        InjectionDetector injection = InjectionDetector.standard();
        Sanitizer sanitizer = new Sanitizer(injection, pii);
        SanitizePolicy policy = SanitizePolicy.standard(InjectionDetector.DEFAULT_THRESHOLD);
        List<String> corpus = java.util.stream.IntStream.range(0, 200).mapToObj(i -> text(8192, random)).toList();

        System.out.println("detector throughput (one thread, 200 texts of 8 KiB, after warm-up)");
        throughput("injection", corpus, injection::scan);
        throughput("pii", corpus, pii::find);

        System.out.println("sanitize stage per request (standard policy: injection and secrets blocked, personal data flagged)");
        for (int size : new int[] {1024, 16384}) {
            List<AiRequest> requests = java.util.stream.IntStream.range(0, 500)
                    .mapToObj(i -> request(text(size, random))).toList();
            for (int i = 0; i < 3; i++) {
                requests.forEach(r -> sanitizer.apply(r, policy));
            }
            long[] nanos = new long[requests.size() * 4];
            int n = 0;
            for (int round = 0; round < 4; round++) {
                for (AiRequest r : requests) {
                    long start = System.nanoTime();
                    sanitizer.apply(r, policy);
                    nanos[n++] = System.nanoTime() - start;
                }
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "  %6d B prompt   p50 %.3f ms   p99 %.3f ms   max %.3f ms%n", size,
                    nanos[n / 2] / 1e6, nanos[n * 99 / 100] / 1e6, nanos[n - 1] / 1e6);
        }
    }

    private static void throughput(String name, List<String> corpus, Consumer<String> detector) {
        long bytes = corpus.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
        for (int i = 0; i < 5; i++) {
            corpus.forEach(detector);
        }
        int rounds = 10;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            corpus.forEach(detector);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "  %-10s %8.2f MB/s%n", name, bytes * rounds / seconds / 1e6);
    }

    private static AiRequest request(String text) {
        return AiRequest.newBuilder()
                .setRequestId("bench").setTenantId("bench").setModel("m")
                .setMessages(List.of(new ChatMessage(Role.SYSTEM, "You are a helpful assistant.", null),
                        new ChatMessage(Role.USER, text, null)))
                .setParams(SamplingParams.newBuilder().build())
                .setReceivedAt(Instant.EPOCH)
                .build();
    }
}
