package io.sluice.sinks.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes a {@link Batch} and the consumer positions after it in one transaction, and reads the
 * positions back. Every write is idempotent (a replayed audit event or response is ignored, a cost
 * aggregate changes only to a higher revision), so a transaction whose commit was lost with the
 * connection can safely be written again.
 */
final class BatchWriter {
    static final String UPSERT_OFFSET = "insert into sink_offsets (topic, \"partition\", next_offset, updated_at) "
            + "values (?, ?, ?, ?) on conflict (topic, \"partition\") do update "
            + "set next_offset = excluded.next_offset, updated_at = excluded.updated_at";

    private BatchWriter() {}

    /** What one committed transaction did. */
    record Written(int rows, int ignored) {}

    /**
     * Writes the batch's rows and offsets and commits; on any failure rolls back and rethrows, so
     * that either all of it is in the database or none.
     */
    static Written write(Connection connection, Batch batch, Instant now) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Map<Table, List<Row>> byTable = new EnumMap<>(Table.class);
            for (Row row : batch.rows()) {
                byTable.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row);
            }
            int written = 0;
            for (Map.Entry<Table, List<Row>> e : byTable.entrySet()) {
                try (PreparedStatement ps = connection.prepareStatement(e.getKey().upsertSql())) {
                    for (Row row : e.getValue()) {
                        bind(ps, row.values());
                        ps.addBatch();
                    }
                    for (int count : ps.executeBatch()) {
                        written += count == Statement.SUCCESS_NO_INFO ? 1 : count;
                    }
                }
            }
            try (PreparedStatement ps = connection.prepareStatement(UPSERT_OFFSET)) {
                for (Map.Entry<TopicPartition, Long> e : batch.nextOffsets().entrySet()) {
                    bind(ps, List.of(e.getKey().topic(), e.getKey().partition(), e.getValue(), Rows.time(now)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            connection.commit();
            return new Written(written, batch.rows().size() - written);
        } catch (SQLException | RuntimeException e) {
            Migrations.rollbackQuietly(connection, e);
            throw e;
        }
    }

    /** The stored next offset of each of {@code partitions} that has one. */
    static Map<TopicPartition, Long> readOffsets(Connection connection, Collection<TopicPartition> partitions)
            throws SQLException {
        connection.setAutoCommit(true);
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("select topic, \"partition\", next_offset from sink_offsets")) {
            while (rs.next()) {
                var tp = new TopicPartition(rs.getString(1), rs.getInt(2));
                if (partitions.contains(tp)) {
                    stored.put(tp, rs.getLong(3));
                }
            }
        }
        return stored;
    }

    private static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
        }
    }
}
