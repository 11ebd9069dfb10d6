/**
 * Model tiering for cost control: {@link io.sluice.processors.tiering.Complexity} scores how
 * demanding a chat request looks from cheap features of its messages, and a
 * {@link io.sluice.processors.tiering.TieringRule} sends requests at or below a configured score to
 * a cheaper model, with a reason for the audit trail. Pure, deterministic functions of the request
 * and the rule: nothing here touches Kafka or the network, logs prompt text or keeps state.
 */
package io.sluice.processors.tiering;
