/**
 * Load benchmarks of the Sluice gateway: a fast OpenAI-compatible {@link io.sluice.bench.MockUpstream},
 * a Netty keep-alive {@link io.sluice.bench.LoadGenerator} (closed loop for throughput, open loop at a
 * fixed rate with latency from the intended send time), and {@link io.sluice.bench.GatewayBench}, which
 * measures the upstream directly and through a Sluice child process and prints the added latency.
 *
 * <p>This is the one package where printing to stdout is right: results are the product. It must not be
 * imported by production modules, must never run in the test phase beyond pure unit tests of its
 * statistics, and must not block an event loop: the mock's delay is scheduled, never slept.
 */
package io.sluice.bench;
