package io.sluice.sinks.postgres;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** One row for one {@link Table}: its values in the table's column order (null for SQL NULL). */
record Row(Table table, List<Object> values) {
    Row {
        Objects.requireNonNull(table, "table");
        if (values.size() != table.columns().size()) {
            throw new IllegalArgumentException(table.tableName() + " has " + table.columns().size() + " columns, row has "
                    + values.size() + " values");
        }
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The value of one column, by name. */
    Object get(String column) {
        int index = table.columns().indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(table.tableName() + " has no column " + column);
        }
        return values.get(index);
    }

    /** The primary key values, which identify the row across replays. */
    List<Object> key() {
        return table.key().stream().map(this::get).toList();
    }
}
