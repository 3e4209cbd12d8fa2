package dev.weft.farm.progress;

import dev.weft.farm.units.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Renders a {@link ProgressBoard} periodically on a daemon thread: on a terminal a bar with counts,
 * rate and ETA plus one line per busy worker; elsewhere one plain line every interval. Started and
 * stopped by the farm; the rendering methods are pure functions of the board, so tests call them directly.
 */
public final class Reporter implements AutoCloseable {
    /** How progress is shown. */
    public enum Mode { AUTO, BAR, PLAIN, NONE }

    private final ProgressBoard board;
    private final Console console;
    private final boolean bar;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean stopped;
    private final int width;
    private final int maxWorkerLines;

    /** Starts reporting; {@code mode} must be resolved (not AUTO). */
    public Reporter(ProgressBoard board, Console console, Mode mode, Duration plainInterval, int width, int height) {
        this.board = board;
        this.console = console;
        this.bar = mode == Mode.BAR;
        this.width = Math.max(40, width);
        this.maxWorkerLines = Math.max(1, Math.min(height - 4, 24));
        this.intervalNanos = bar ? 200_000_000L : plainInterval.toNanos();
        this.thread = mode == Mode.NONE ? null : Thread.ofPlatform().daemon().name("weft-farm-progress").start(this::loop);
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(Duration.ofNanos(intervalNanos));
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) return;
            if (bar) console.bar(barLines());
            else console.message(plainLine());
        }
    }

    /** The plain progress line. */
    public String plainLine() {
        long done = board.okCount() + board.failedCount();
        var sb = new StringBuilder("weft farm: ").append(done);
        if (board.total() >= 0) sb.append('/').append(board.total() - board.skippedCount());
        sb.append(" done (").append(board.okCount()).append(" ok, ").append(board.failedCount()).append(" failed");
        if (board.retriedCount() > 0) sb.append(", ").append(board.retriedCount()).append(" retries");
        sb.append("), ").append(board.runningCount()).append(" running, ")
                .append(String.format(Locale.ROOT, "%.1f/s", board.rate()));
        eta().ifPresent(e -> sb.append(", ETA ").append(e));
        if (board.isWaitingForMemory()) sb.append(", waiting for free memory");
        return sb.toString();
    }

    /** The bar and per-worker lines. */
    public String[] barLines() {
        var lines = new ArrayList<String>();
        long done = board.okCount() + board.failedCount();
        long total = board.total() >= 0 ? board.total() - board.skippedCount() : -1;
        String counts = " " + done + (total >= 0 ? "/" + total : "") + "  ok " + board.okCount() + "  failed " + board.failedCount()
                + (board.retriedCount() > 0 ? "  retries " + board.retriedCount() : "")
                + "  " + String.format(Locale.ROOT, "%.1f/s", board.rate())
                + eta().map(e -> "  ETA " + e).orElse("")
                + "  " + Durations.format(Duration.ofNanos(board.elapsedNanos()))
                + (board.isWaitingForMemory() ? "  (waiting for free memory)" : "");
        int barWidth = Math.max(10, Math.min(40, width - counts.length() - 3));
        var sb = new StringBuilder("[");
        if (total > 0) {
            int filled = (int) Math.min(barWidth, done * barWidth / total);
            sb.append("#".repeat(filled)).append(".".repeat(barWidth - filled));
        } else {
            int pos = (int) ((board.elapsedNanos() / 200_000_000L) % barWidth);
            sb.append(".".repeat(pos)).append('#').append(".".repeat(barWidth - pos - 1));
        }
        sb.append(']').append(counts);
        lines.add(cut(sb.toString()));
        int shown = 0;
        int busy = 0;
        long now = System.nanoTime();
        for (int w = 1; w <= board.workers(); w++) {
            ProgressBoard.Slot s = board.slot(w);
            if (s == null) continue;
            busy++;
            if (shown >= maxWorkerLines) continue;
            shown++;
            String line = String.format(Locale.ROOT, "  worker %-3d task %-6d %s%7s  %s", w, s.index(),
                    s.attempt() > 1 ? "try " + s.attempt() + " " : "",
                    Durations.format(Duration.ofNanos(now - s.startNanos())), s.label());
            lines.add(cut(line));
        }
        if (busy > shown) lines.add("  ... and " + (busy - shown) + " more workers busy");
        return lines.toArray(String[]::new);
    }

    private java.util.Optional<String> eta() {
        long total = board.total();
        double rate = board.rate();
        if (total < 0 || rate <= 0) return java.util.Optional.empty();
        long left = total - board.skippedCount() - board.okCount() - board.failedCount();
        if (left <= 0) return java.util.Optional.empty();
        return java.util.Optional.of(Durations.format(Duration.ofMillis((long) (left / rate * 1000))));
    }

    private String cut(String s) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    /** Stops the thread and removes the bar. */
    @Override
    public void close() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        console.clearBar();
    }
}
