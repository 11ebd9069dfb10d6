package io.sluice.app;

import io.sluice.ingress.HealthCheck;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Ready while the Kafka cluster answers a describe-cluster call within a second. */
final class BrokerHealth implements HealthCheck, AutoCloseable {
    private final Admin admin;

    BrokerHealth(Map<String, Object> clientProps) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-health");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500);
        this.admin = Admin.create(props);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Result check() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(1000))
                    .nodes().get(1500, TimeUnit.MILLISECONDS).size();
            return brokers > 0 ? Result.up(brokers + " broker(s)") : Result.down("no brokers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.down("interrupted");
        } catch (Exception e) {
            return Result.down("unreachable: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
