/**
 * Money and limits: prices and exact costs (integer micro-dollars), budgets with worst-case
 * reservations settled by actual cost, GCRA rate limits, and running cost totals. The logic works
 * on Kafka Streams key-value stores handed in by the gateway topology, which keys every store by
 * tenant so that one stream task owns a tenant's state: limits and budgets are exact however many
 * instances run. Nothing here blocks or touches the network.
 */
package io.sluice.processors.finops;
