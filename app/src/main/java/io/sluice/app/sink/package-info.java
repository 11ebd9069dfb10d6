/**
 * {@code sluice sink ...}: the commands that run Sluice's sinks against a Kafka cluster (or the
 * embedded broker of a running {@code sluice start}). They only wire configuration to a sink from
 * the {@code sinks} module and run it until Ctrl-C; they hold no sink logic.
 */
package io.sluice.app.sink;
