/**
 * The audit trail's hash chain: how an event is hashed ({@link io.sluice.schemas.audit.AuditHashes})
 * and how a trail is checked ({@link io.sluice.schemas.audit.AuditVerifier}), shared by the
 * processor that builds the chain, the sinks and {@code sluice audit verify}.
 */
package io.sluice.schemas.audit;
