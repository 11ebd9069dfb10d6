/**
 * The {@code bedrock} provider: AWS Bedrock Runtime's Converse API
 * ({@code POST {base-url}/model/{modelId}/converse}) and, for streamed calls, ConverseStream
 * ({@code .../converse-stream}), whose answer is AWS's binary event stream. Pure functions translate
 * a canonical call into the Converse body ({@code BedrockRequests}) and the answer back into a result
 * ({@code BedrockResponses}; for a streamed call {@code EventStreamDecoder} frames the bytes as they
 * arrive and {@code BedrockStream} reads the events); {@code BedrockSigner} signs each request with
 * AWS's own SigV4 signer at the context's clock; the provider itself only moves bytes with the shared
 * non-blocking HTTP client.
 *
 * <p>Deployment configuration read here:
 * <ul>
 *   <li>{@code options.aws-region} (required): the AWS region called and signed for, e.g.
 *       {@code us-east-1}; independent of the deployment's {@code region}, a residency label;</li>
 *   <li>{@code base-url} (optional): defaults to {@code https://bedrock-runtime.{aws-region}.amazonaws.com}
 *       (set it for a VPC endpoint or a proxy);</li>
 *   <li>{@code credentials.access-key-id}, {@code credentials.secret-access-key} (required) and
 *       {@code credentials.session-token} (optional, for temporary credentials; sent as
 *       {@code X-Amz-Security-Token});</li>
 *   <li>{@code api-key} is refused: this provider authenticates with SigV4 only.</li>
 * </ul>
 * The model id of a route (a model id, an inference profile id or an ARN) is percent-encoded as one
 * path segment.
 *
 * <p>Nothing here blocks a thread, follows a redirect, or lets a credential or an upstream body into
 * an error message, a log line or a {@code toString}.
 */
package io.sluice.processors.provider.bedrock;
