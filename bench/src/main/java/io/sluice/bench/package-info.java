/**
 * Load benchmarks of the Sluice gateway: a fast OpenAI-compatible {@link io.sluice.bench.MockUpstream},
 * a Netty keep-alive {@link io.sluice.bench.LoadGenerator} (closed loop for throughput, open loop at a
 * fixed rate with latency from the intended send time; streamed answers read as they arrive, with their
 * time to first token), and {@link io.sluice.bench.GatewayBench}, which measures the upstream directly and
 * through a Sluice child process and prints the added latency and the added time to first token.
 *
 * <p>This is the one package where printing to stdout is right: results are the product. It must not be
 * imported by production modules, must never run in the test phase beyond unit tests of its statistics
 * and parsing and a second of the mock streaming to the generator on loopback (never Sluice), and must not
 * block an event loop: the mock's delays and its streams' chunks are scheduled, never slept.
 */
package io.sluice.bench;
