package io.sluice.processors.provider;

/**
 * The framing of server-sent events, shared by the providers that stream them: {@code data:}
 * lines gather (joined by newlines) until a blank line ends the event, {@code event:} names it,
 * and comments and the other fields are ignored. Not thread-safe: one per stream, fed in order.
 */
public final class SseEvents {
    /** One event: its name ({@code event:}, or null) and its data. */
    public record Event(String name, String data) {}

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String name;

    /** Takes one line (without its terminator); returns the event it completes, or null. */
    public Event line(String line) {
        if (line.isEmpty()) {
            return flush();
        }
        if (line.startsWith("data:")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
            hasData = true;
        } else if (line.startsWith("event:")) {
            name = line.substring("event:".length()).strip();
        }
        return null;
    }

    /** Ends the event in progress (a blank line, or the end of the body); null when it carried no data. */
    public Event flush() {
        String eventName = name;
        name = null;
        if (!hasData) {
            return null;
        }
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        return new Event(eventName, event);
    }
}
