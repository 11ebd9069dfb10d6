package io.sluice.processors.stores;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store in the process. By default each store instance (one
 * per store and task: dozens here) gets its own block cache and up to three 16 MiB memtables, so
 * resident memory grows with partitions and stores rather than with data. Here all of them share
 * one LRU block cache whose size also caps the memtables (through a write buffer manager charged to
 * the same cache), and index and filter blocks live in that cache too: the process's RocksDB memory
 * is about {@link #TOTAL_BYTES}, whatever the number of tasks.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    /** Block cache, memtables, indexes and filters of every store together. */
    static final long TOTAL_BYTES = 128L * 1024 * 1024;
    static final long MEMTABLE_BYTES = 48L * 1024 * 1024;
    static final long WRITE_BUFFER_BYTES = 4L * 1024 * 1024;

    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        var table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store of the process: never closed here
    }
}
