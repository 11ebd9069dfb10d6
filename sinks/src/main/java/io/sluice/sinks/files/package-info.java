/**
 * The file sink: lands the {@code audit}, {@code responses}, {@code costs}, {@code metrics} and
 * {@code alerts} topics as hourly gzip files of JSON lines under Hive-style {@code dt=}/{@code hour=}
 * directories, for object stores, Athena, Spark or DuckDB. {@link io.sluice.sinks.files.FileSink}
 * reads with {@code read_committed}, writes under temporary names and renames finished files
 * atomically, and restores its positions from the names of the finished files, never from the
 * consumer group, so that each record is in exactly one finished file across restarts and crashes.
 *
 * <p>Must not: read from committed offsets, skip a record it cannot render, touch files of
 * partitions it was not given, or log record contents.
 */
package io.sluice.sinks.files;
