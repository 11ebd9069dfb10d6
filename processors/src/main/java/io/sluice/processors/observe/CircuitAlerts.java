package io.sluice.processors.observe;

import io.sluice.avro.Alert;
import io.sluice.avro.CircuitState;
import io.sluice.avro.DeploymentHealth;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Fires {@code circuit_open} when a deployment's circuit opens and clears it when the circuit
 * closes again (a half-open probe changes nothing). These concern the platform, not one tenant:
 * they are keyed by {@link #PLATFORM}.
 */
final class CircuitAlerts implements Processor<String, DeploymentHealth, String, Alert> {
    static final String STORE = "circuit-alert-states";
    static final String KIND = "circuit_open";
    /** The tenant id of alerts about the platform as a whole. */
    static final String PLATFORM = "_platform";

    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Long> firing;

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.firing = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, DeploymentHealth> record) {
        DeploymentHealth health = record.value();
        if (health == null) {
            return;
        }
        String deployment = health.getDeployment();
        Long since = firing.get(deployment);
        String subject = "deployment:" + deployment;
        long at = health.getDecidedAt().toEpochMilli();
        if (health.getState() == CircuitState.OPEN && since == null) {
            firing.put(deployment, at);
            emit(Alerting.alert(KIND, PLATFORM, subject, true, at, health.getDecidedAt(),
                    "circuit of deployment " + deployment + " opened: "
                            + (health.getReason() == null ? "repeated failures" : health.getReason()),
                    Map.of("instance", health.getInstance(),
                            "consecutiveFailures", String.valueOf(health.getConsecutiveFailures()))));
        } else if (health.getState() == CircuitState.CLOSED && since != null) {
            firing.delete(deployment);
            emit(Alerting.alert(KIND, PLATFORM, subject, false, since, health.getDecidedAt(),
                    "circuit of deployment " + deployment + " closed again", Map.of("instance", health.getInstance())));
        }
    }

    private void emit(Alert alert) {
        context.forward(new Record<>(PLATFORM, alert, alert.getTimestamp().toEpochMilli()));
    }
}
