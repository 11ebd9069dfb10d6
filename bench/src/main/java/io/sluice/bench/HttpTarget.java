package io.sluice.bench;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * What the load generator sends: a POST of {@code body} to {@code url} with {@code headers}
 * (Host, Content-Type, Accept and Content-Length are added). When {@code streamed}, the body asks for
 * {@code "stream": true} and the answer is read as server-sent events ({@link SseReader}). When
 * {@code mark} is set, the 2xx completions (not streams) carrying that response header with that value are counted
 * ({@link MarkCount}), e.g. the answers of the response cache.
 */
public record HttpTarget(URI url, String body, Map<String, String> headers, boolean streamed, Mark mark) {

    /** A response header and the value (compared ignoring case) that marks an answer. */
    public record Mark(String header, String value) {
        public Mark {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return header + ": " + value;
        }
    }

    /** A target whose answers are not counted by any header. */
    public HttpTarget(URI url, String body, Map<String, String> headers, boolean streamed) {
        this(url, body, headers, streamed, null);
    }

    public HttpTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        if (!"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("url must be http://, was " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("url has no host: " + url);
        }
    }

    /** A JSON POST with a Bearer key ({@code apiKey} may be null for none), answered by one JSON body. */
    public static HttpTarget jsonPost(String url, String body, String apiKey) {
        return new HttpTarget(URI.create(url), body, bearer(apiKey), false);
    }

    /** A JSON POST whose body asks for {@code "stream": true}, answered by server-sent events. */
    public static HttpTarget streamingPost(String url, String body, String apiKey) {
        return new HttpTarget(URI.create(url), body, bearer(apiKey), true);
    }

    /** The same requests, counting the answers that carry {@code header: value}. */
    public HttpTarget marking(String header, String value) {
        return new HttpTarget(url, body, headers, streamed, new Mark(header, value));
    }

    private static Map<String, String> bearer(String apiKey) {
        return apiKey == null ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
    }

    int port() {
        return url.getPort() > 0 ? url.getPort() : 80;
    }

    String pathAndQuery() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    @Override
    public String toString() {
        return "HttpTarget[url=" + url + ", body=" + body.length() + " chars, headers=" + headers.keySet()
                + ", streamed=" + streamed + (mark == null ? "" : ", mark=" + mark) + "]";
    }
}
