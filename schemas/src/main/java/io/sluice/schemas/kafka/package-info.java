/** Kafka client settings shared by every component; no component builds client properties any other way. */
package io.sluice.schemas.kafka;
