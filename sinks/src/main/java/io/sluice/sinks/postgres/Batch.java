package io.sluice.sinks.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The rows of one poll and the position after it in each partition that had records: what one
 * database transaction writes.
 *
 * @param rows in record order, except that of several revisions of one cost aggregate only the
 *     highest is kept (the upsert would keep it anyway; one row per key keeps a batched statement valid)
 * @param nextOffsets per partition, the offset of the next record to read (last record's offset + 1)
 */
record Batch(List<Row> rows, Map<TopicPartition, Long> nextOffsets) {
    Batch {
        rows = List.copyOf(collapseCosts(rows));
        nextOffsets = Map.copyOf(nextOffsets);
    }

    boolean isEmpty() {
        return rows.isEmpty() && nextOffsets.isEmpty();
    }

    private static List<Row> collapseCosts(List<Row> rows) {
        Map<List<Object>, Row> highest = new LinkedHashMap<>();
        List<Row> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (!row.table().isCosts()) {
                out.add(row);
                continue;
            }
            List<Object> key = new ArrayList<>(row.key());
            key.add(0, row.table());
            highest.merge(key, row, (a, b) -> revision(b) > revision(a) ? b : a);
        }
        out.addAll(highest.values());
        return out;
    }

    private static long revision(Row costRow) {
        return (Long) costRow.get("revision");
    }
}
