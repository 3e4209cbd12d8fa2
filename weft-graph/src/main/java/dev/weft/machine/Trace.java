package dev.weft.machine;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A timeline of vertex executions: which vertex ran, on which thread, from when to when.
 * Written as Chrome trace-event JSON, which Perfetto and chrome://tracing open.
 *
 * <p>Thread-safe: vertices on many threads record into it at once. Each event is shown on the
 * lane of the carrier (OS) thread it ran on, so the picture shows how the cores were used; the
 * virtual thread is kept in the event's arguments.
 */
public final class Trace {
    /** One execution of one vertex. Times are {@link System#nanoTime()} values. */
    public record Event(String machine, String node, String op, long startNanos, long endNanos,
                        String carrier, String thread) {}

    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

    void record(String machine, String node, String op, long start, long end) {
        Thread t = Thread.currentThread();
        events.add(new Event(machine, node, op, start, end, carrierOf(t), t.isVirtual() ? "virtual#" + t.threadId() : t.getName()));
    }

    /** The name of the OS thread under the current thread: a virtual thread's carrier, else itself. */
    private static String carrierOf(Thread t) {
        if (!t.isVirtual()) return t.getName();
        // A virtual thread's toString is "VirtualThread[#id]/runnable@carrier-name"; there is no public accessor.
        String s = t.toString();
        int at = s.lastIndexOf('@');
        return at >= 0 ? s.substring(at + 1) : "virtual";
    }

    /** The events recorded so far, ordered by start time. */
    public List<Event> events() {
        List<Event> list = new ArrayList<>(events);
        list.sort(Comparator.comparingLong(Event::startNanos));
        return list;
    }

    /** Writes the Chrome trace-event JSON to {@code file}. */
    public void writeChromeJson(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeChromeJson(w);
        }
    }

    /** Writes the Chrome trace-event JSON: one complete ("X") event per vertex execution. */
    public void writeChromeJson(Writer w) throws IOException {
        List<Event> list = events();
        long t0 = list.isEmpty() ? 0 : list.get(0).startNanos();
        List<String> machines = list.stream().map(Event::machine).distinct().toList();
        List<String> lanes = list.stream().map(Event::carrier).distinct().sorted().toList();
        w.write("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
        boolean first = true;
        for (int p = 0; p < machines.size(); p++) {
            first = comma(w, first);
            w.write("{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":" + (p + 1) + ",\"args\":{\"name\":" + json(machines.get(p)) + "}}");
            for (int l = 0; l < lanes.size(); l++) {
                w.write(",\n{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":" + (p + 1) + ",\"tid\":" + (l + 1)
                        + ",\"args\":{\"name\":" + json(lanes.get(l)) + "}}");
            }
        }
        for (Event e : list) {
            first = comma(w, first);
            w.write(String.format(java.util.Locale.ROOT,
                    "{\"ph\":\"X\",\"name\":%s,\"cat\":%s,\"pid\":%d,\"tid\":%d,\"ts\":%.3f,\"dur\":%.3f,\"args\":{\"thread\":%s}}",
                    json(e.node()), json(e.op()), machines.indexOf(e.machine()) + 1, lanes.indexOf(e.carrier()) + 1,
                    (e.startNanos() - t0) / 1e3, (e.endNanos() - e.startNanos()) / 1e3, json(e.thread())));
        }
        w.write("\n]}\n");
    }

    private static boolean comma(Writer w, boolean first) throws IOException {
        if (!first) w.write(",\n");
        return false;
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
