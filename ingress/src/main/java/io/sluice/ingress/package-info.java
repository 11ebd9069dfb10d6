/**
 * The HTTP ingress: an OpenAI-compatible API on Netty that turns chat requests into
 * {@code AiRequest} records on the requests topic and answers each one from its reply, or with
 * {@code stream: true} as server-sent events from its CHUNK replies ({@code ChatStream}).
 *
 * <p>Public face: {@link io.sluice.ingress.IngressServer} and what it is built from
 * ({@link io.sluice.ingress.IngressSettings}, {@link io.sluice.ingress.ApiKey},
 * {@link io.sluice.ingress.AdminKey}, {@link io.sluice.ingress.ApiKeyAuthenticator},
 * {@link io.sluice.ingress.IpRanges}, {@link io.sluice.ingress.ModelCatalog},
 * {@link io.sluice.ingress.HealthCheck}); its metric names are in {@code io.sluice.schemas.Telemetry}.
 * Everything else is package-private: the pipeline ({@code HttpServerInitializer}), the router,
 * the handlers, request parsing, the OpenAI rendering, the meters ({@code IngressMetrics}) and the
 * Kafka side ({@code KafkaRequestSubmitter}, {@code ReplyListener}), and the readers of topics the
 * gateway publishes for people ({@code BudgetBoard}; {@code MetricsBoard} behind the dashboard).
 *
 * <p>The perimeter, outermost first: optional TLS from PEM files ({@code ingress.tls}); a total
 * deadline for reading each request ({@code ReadDeadline}, 408) and an idle timeout between
 * requests; Netty's strict request decoder plus an obs-fold check ({@code StrictRequestDecoder}:
 * smuggling forms such as {@code Content-Length} with {@code Transfer-Encoding}, duplicate
 * {@code Content-Length}, bare LF and folded headers are a 400 and the connection closes, with
 * nothing after them parsed); 414 and 431 for an oversized request line or headers; 413 for
 * oversized bodies; 415 for any {@code Content-Encoding} (compressed bodies are refused, never
 * inflated, so no small body can become a large one); the client address ({@code ClientAddress}:
 * {@code X-Forwarded-For} only from {@code ingress.trusted-proxies}); admin routes only with an
 * admin key; then tenant keys (one uniform 401 {@code invalid_api_key} for every bad key) and their
 * tenant's {@code allowed-ips} (403 {@code ip_not_allowed}); then strict JSON.
 *
 * <p>Must not: block an event-loop thread (no network waits, no {@code get()} on futures), import
 * the processors module (the two meet only through topics), or log API keys, request bodies or
 * prompt text. Nothing a request or the configuration carries is ever evaluated: no value is used
 * as a template, an expression, a format string, a class name or a polymorphic JSON type, no
 * address is resolved through DNS, and request paths are matched as sent, never decoded first.
 */
package io.sluice.ingress;
