/**
 * The {@code anthropic} provider: Anthropic's Messages API ({@code POST {base-url}/v1/messages}).
 * Pure functions translate a canonical call into the wire body ({@code AnthropicRequests}: system
 * and developer messages become the top-level {@code system}, consecutive turns of one role are
 * merged, {@code max_tokens} always set) and the wire answer back into a result
 * ({@code AnthropicResponses}, or, for a streamed call, {@code AnthropicStream} reading server-sent
 * events line by line); the provider itself only moves bytes with the shared non-blocking HTTP
 * client. A request Anthropic cannot express (a tool message, {@code n} above 1, penalties,
 * {@code seed}, {@code logit_bias}, a non-text {@code response_format}) is refused with a 400 naming
 * it rather than sent with the part dropped; message {@code name}s are not sent.
 *
 * <p>Deployment keys read:
 * <ul>
 *   <li>{@code base-url}: optional, default {@code https://api.anthropic.com}; {@code /v1/messages}
 *       is appended.</li>
 *   <li>{@code api-key}: sent as {@code x-api-key}; required when {@code base-url} is not set.</li>
 *   <li>{@code timeout}: the deadline of one call, streamed body included.</li>
 *   <li>{@code options.anthropic-version}: the {@code anthropic-version} header, default
 *       {@code 2023-06-01}.</li>
 *   <li>{@code options.anthropic-beta}: sent as the {@code anthropic-beta} header when set.</li>
 *   <li>{@code options.default-max-tokens}: {@code max_tokens} for requests that set none, default
 *       {@code 4096}.</li>
 * </ul>
 * No {@code credentials.*} are read. Nothing here blocks a thread, follows a redirect, or lets the
 * API key or an upstream body into an error message.
 */
package io.sluice.processors.provider.anthropic;
