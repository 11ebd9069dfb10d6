/**
 * {@code sluice admin}: the admin API of a running ingress from the command line (tenants, apps
 * and keys). Only talks HTTP to the ingress; it never writes to Kafka itself, so every change
 * goes through the same checks and audit events as the API.
 */
package io.sluice.app.admin;
