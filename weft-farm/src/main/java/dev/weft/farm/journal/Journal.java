package dev.weft.farm.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append-only journal writer, safe to call from any number of worker threads.
 *
 * <p>Guarantees. Every {@link #append} writes its line to the file (the operating system's page cache)
 * before it returns, in one {@code write}, so a crash or {@code kill -9} of the farm loses no record
 * that was appended; at worst the last line is torn, and {@link JournalReplay} ignores a torn last
 * line (and {@link #open} cuts it off before appending). Durability against power loss is group
 * commit: one syncer thread calls {@code fdatasync} whenever new bytes are there, so one disk flush
 * covers every record appended meanwhile. With {@link Sync#COMMIT} a {@link #appendDurable} waits for
 * the flush that covers its record (a task is reported done only once its record is on disk); with
 * {@link Sync#BATCH} nobody waits and the syncer flushes at most every {@code batchInterval}, so power
 * loss can lose that last interval of records (those tasks simply run again on resume).
 */
public final class Journal implements AutoCloseable {

    /** How finish records are made durable; see the class comment. */
    public enum Sync { COMMIT, BATCH }

    private final Path file;
    private final FileChannel ch;
    private final Sync sync;
    private final long batchIntervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition closing = lock.newCondition();
    private long written;
    private long synced;
    private boolean closed;
    private IOException failure;
    private final Thread syncer;

    private Journal(Path file, FileChannel ch, Sync sync, Duration batchInterval) throws IOException {
        this.file = file;
        this.ch = ch;
        this.sync = sync;
        this.batchIntervalNanos = batchInterval.toNanos();
        this.written = this.synced = ch.position();
        this.syncer = Thread.ofPlatform().daemon().name("weft-farm-journal-sync").start(this::syncLoop);
    }

    /** Opens (creating it and its folder if needed) the journal for appending, cutting off a torn last line. */
    public static Journal open(Path file, Sync sync, Duration batchInterval) throws IOException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            long keep = lengthWithoutTornTail(ch);
            if (keep < ch.size()) ch.truncate(keep);
            ch.position(keep);
            return new Journal(file, ch, sync, batchInterval);
        } catch (IOException e) {
            throw new IOException("cannot write journal " + file + ": " + describe(e), e);
        }
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) return fse.getReason();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** The length up to and including the last newline (0 if none). */
    private static long lengthWithoutTornTail(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) return 0;
        ByteBuffer b = ByteBuffer.allocate(4096);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - b.capacity());
            b.clear().limit((int) (end - start));
            ch.read(b, start);
            for (int i = (int) (end - start) - 1; i >= 0; i--) if (b.get(i) == '\n') return start + i + 1;
            end = start;
        }
        return 0;
    }

    public Path file() {
        return file;
    }

    /** Appends a record; it survives a crash of the farm once this returns. */
    public void append(JournalRecord record) throws IOException {
        write(record);
    }

    /** Appends a record and, with {@link Sync#COMMIT}, waits until a disk flush covers it. */
    public void appendDurable(JournalRecord record) throws IOException {
        long end = write(record);
        if (sync == Sync.COMMIT) awaitSynced(end);
    }

    private long write(JournalRecord record) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((record.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        lock.lock();
        try {
            if (failure != null) throw failure;
            if (closed) throw new IOException("journal " + file + " is closed");
            while (buf.hasRemaining()) written += ch.write(buf);
            changed.signalAll();
            return written;
        } catch (IOException e) {
            if (failure == null) failure = new IOException("cannot write journal " + file + ": " + describe(e), e);
            throw failure;
        } finally {
            lock.unlock();
        }
    }

    private void awaitSynced(long end) throws IOException {
        lock.lock();
        try {
            while (synced < end && failure == null) changed.awaitUninterruptibly();
            if (failure != null) throw failure;
        } finally {
            lock.unlock();
        }
    }

    private void syncLoop() {
        while (true) {
            long target;
            lock.lock();
            try {
                while (written == synced && !closed) changed.awaitUninterruptibly();
                if (written == synced) return;
                target = written;
            } finally {
                lock.unlock();
            }
            try {
                ch.force(false);
            } catch (IOException e) {
                lock.lock();
                try {
                    failure = new IOException("cannot flush journal " + file + ": " + describe(e), e);
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                return;
            }
            lock.lock();
            try {
                synced = target;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (sync == Sync.BATCH && batchIntervalNanos > 0) nap();
        }
    }

    /**
     * Waits out the batch interval, or until close. Never interrupt the syncer instead: an interrupt
     * during {@code force} closes the channel (ClosedByInterruptException).
     */
    private void nap() {
        lock.lock();
        try {
            long left = batchIntervalNanos;
            while (!closed && left > 0) {
                try {
                    left = closing.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Flushes everything to disk and closes the file. Idempotent. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            changed.signalAll();
            closing.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            syncer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (failure != null) throw failure;
            ch.force(false);
        } finally {
            ch.close();
        }
    }
}
