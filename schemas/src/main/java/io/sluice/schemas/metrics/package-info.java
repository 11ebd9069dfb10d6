/** Arithmetic on the records of the {@code metrics} topic that every reader needs the same way. */
package io.sluice.schemas.metrics;
