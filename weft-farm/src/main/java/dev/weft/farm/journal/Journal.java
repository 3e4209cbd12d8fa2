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
 * in one {@code write} before it returns, so a crash or {@code kill -9} of the farm loses no record
 * that was appended; at worst the last line is torn, and {@link JournalReplay} ignores a torn last
 * line (and {@link #open} cuts it off before appending). Against power loss the journal uses group
 * commit: one syncer thread calls {@code fdatasync} whenever new bytes are there, so one disk flush
 * covers every record appended meanwhile. With {@link Sync#GROUP} (the default) workers never wait
 * for the disk and the syncer flushes at most every {@link #GROUP_INTERVAL} (each flush also commits
 * the file system's journal, which would otherwise slow down the creation of the tasks' output
 * files), so a record reaches the disk within that interval plus one flush. With {@link Sync#COMMIT}
 * a worker's {@link #appendDurable} waits for the flush covering its record before the worker takes
 * its next task, and flushes follow each other back to back. {@link #close} flushes everything, so
 * once the farm has printed its summary, every record is on disk. Either way a task whose record was lost to a power
 * failure is simply run again on resume (at-least-once), and no task is recorded done before it ended.
 */
public final class Journal implements AutoCloseable {

    /** The most time between two flushes in {@link Sync#GROUP} mode. */
    public static final Duration GROUP_INTERVAL = Duration.ofMillis(50);

    /** Whether workers wait for the disk; see the class comment. */
    public enum Sync { GROUP, COMMIT }

    private final Path file;
    private final FileChannel ch;
    private final Sync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition closing = lock.newCondition();
    private long written;
    private long synced;
    private boolean closed;
    private IOException failure;
    private final Thread syncer;

    private Journal(Path file, FileChannel ch, Sync sync) throws IOException {
        this.file = file;
        this.ch = ch;
        this.sync = sync;
        this.written = this.synced = ch.position();
        this.syncer = Thread.ofPlatform().daemon().name("weft-farm-journal-sync").start(this::syncLoop);
    }

    /** Opens (creating it and its folder if needed) the journal for appending, cutting off a torn last line. */
    public static Journal open(Path file, Sync sync) throws IOException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            long keep = lengthWithoutTornTail(ch);
            if (keep < ch.size()) ch.truncate(keep);
            ch.position(keep);
            return new Journal(file, ch, sync);
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
                if (sync == Sync.GROUP) nap();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits out the group interval or until close; the lock is held. (The syncer is never interrupted
     * instead: an interrupt during {@code force} would close the channel.)
     */
    private void nap() {
        long left = GROUP_INTERVAL.toNanos();
        while (!closed && left > 0) {
            try {
                left = closing.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
