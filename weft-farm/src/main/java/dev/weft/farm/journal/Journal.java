package dev.weft.farm.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * commit: one syncer thread calls {@code fsync} whenever new bytes are there, so one disk flush
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

    private final Path path;
    /** Classic (not NIO) file I/O on purpose: an interrupted worker thread must not close the journal. */
    private final RandomAccessFile file;
    private final Sync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition closing = lock.newCondition();
    private long written;
    private long synced;
    private boolean closed;
    private IOException failure;
    private final Thread syncer;

    private Journal(Path path, RandomAccessFile file, Sync sync) throws IOException {
        this.path = path;
        this.file = file;
        this.sync = sync;
        this.written = this.synced = file.getFilePointer();
        this.syncer = Thread.ofPlatform().daemon().name("weft-farm-journal-sync").start(this::syncLoop);
    }

    /** Opens (creating it and its folder if needed) the journal for appending, cutting off a torn last line. */
    public static Journal open(Path file, Sync sync) throws IOException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            if (Files.isDirectory(file)) throw new IOException("it is a folder");
            var raf = new RandomAccessFile(file.toFile(), "rw");
            long keep = lengthWithoutTornTail(raf);
            if (keep < raf.length()) raf.setLength(keep);
            raf.seek(keep);
            return new Journal(file, raf, sync);
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
    private static long lengthWithoutTornTail(RandomAccessFile raf) throws IOException {
        byte[] b = new byte[4096];
        long end = raf.length();
        while (end > 0) {
            long start = Math.max(0, end - b.length);
            int n = (int) (end - start);
            raf.seek(start);
            raf.readFully(b, 0, n);
            for (int i = n - 1; i >= 0; i--) if (b[i] == '\n') return start + i + 1;
            end = start;
        }
        return 0;
    }

    public Path file() {
        return path;
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
        byte[] line = (record.encode() + "\n").getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            if (failure != null) throw failure;
            if (closed) throw new IOException("journal " + path + " is closed");
            file.write(line);
            written += line.length;
            changed.signalAll();
            return written;
        } catch (IOException e) {
            if (failure == null) failure = new IOException("cannot write journal " + path + ": " + describe(e), e);
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
                file.getFD().sync();
            } catch (IOException e) {
                lock.lock();
                try {
                    failure = new IOException("cannot flush journal " + path + ": " + describe(e), e);
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
            file.getFD().sync();
        } finally {
            file.close();
        }
    }
}
