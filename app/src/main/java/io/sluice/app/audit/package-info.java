/** {@code sluice audit}: checks of the tamper-evident audit trail, from its topic or from the sink's database. */
package io.sluice.app.audit;
