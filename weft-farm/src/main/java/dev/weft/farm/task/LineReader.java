package dev.weft.farm.task;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads lines of a file or of stdin. With an idle timeout, a daemon thread does the blocking reads and
 * hands lines over one by one, so {@link #next()} can give up when none arrives in time (the original
 * tool's "a worker leaves after 10 s without a task"); input arriving after that is not read.
 */
final class LineReader implements TaskReader {
    /** Marks the end of input in the hand-over queue. */
    private static final Object EOF = new Object();

    private final BufferedReader in;
    private final String name;
    private final Duration idleTimeout;
    private final OptionalLong size;
    private SynchronousQueue<Object> handOver;
    private long next;
    private long lineNo;

    private LineReader(BufferedReader in, String name, Duration idleTimeout, OptionalLong size) {
        this.in = in;
        this.name = name;
        this.idleTimeout = idleTimeout;
        this.size = size;
    }

    static LineReader open(Path file, Duration idleTimeout) throws IOException {
        if (file == null) {
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return new LineReader(in, "stdin", idleTimeout, OptionalLong.empty());
        }
        try {
            OptionalLong size = Files.isRegularFile(file) ? OptionalLong.of(countLines(file)) : OptionalLong.empty();
            return new LineReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString(), idleTimeout, size);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read task file " + file + ": no such file", e);
        } catch (IOException | UncheckedIOException e) {
            throw new IOException("cannot read task file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Counts lines by streaming the file once, so the progress bar can show an ETA. */
    private static long countLines(Path file) throws IOException {
        long n = 0;
        try (var s = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            int last = '\n';
            while ((r = s.read(buf)) > 0) {
                for (int i = 0; i < r; i++) if (buf[i] == '\n') n++;
                last = buf[r - 1];
            }
            if (last != '\n') n++;
        }
        return n;
    }

    @Override
    public Placeholders placeholders() {
        return TaskSource.LINE_PLACEHOLDERS;
    }

    @Override
    public OptionalLong size() {
        return size;
    }

    @Override
    public Task next() throws IOException {
        String line = idleTimeout == null ? readLine() : pollLine();
        if (line == null) return null;
        long index = next++;
        return new Task(index, List.of(Long.toString(index), line));
    }

    private String readLine() throws IOException {
        try {
            String line = in.readLine();
            lineNo++;
            return line;
        } catch (IOException e) {
            throw new IOException("cannot read " + name + " at line " + (lineNo + 1) + ": " + e.getMessage(), e);
        }
    }

    private String pollLine() throws IOException {
        if (handOver == null) {
            handOver = new SynchronousQueue<>();
            Thread t = new Thread(this::pump, "weft-farm-line-reader");
            t.setDaemon(true);
            t.start();
        }
        try {
            Object o = handOver.poll(idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
            if (o == null || o == EOF) return null;
            if (o instanceof IOException e) throw e;
            return (String) o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void pump() {
        try {
            String line;
            while ((line = readLine()) != null) handOver.put(line);
            handOver.put(EOF);
        } catch (IOException e) {
            handOver.offer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        if (handOver == null) in.close();
        // With a pump thread blocked in read(), closing could block too; the daemon thread dies with the JVM.
    }
}
