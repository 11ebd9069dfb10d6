package io.sluice.processors.provider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink for tests that records what it is given, in order: deltas as they are, the model as {@code model:<name>}. */
public final class RecordingSink implements StreamSink {
    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void delta(String content) {
        events.add(content);
    }

    @Override
    public void model(String responseModel) {
        events.add("model:" + responseModel);
    }

    /** The deltas alone. */
    public List<String> deltas() {
        return events.stream().filter(event -> !event.startsWith("model:")).toList();
    }
}
