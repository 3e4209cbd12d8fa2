package dev.weft.farm.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;

/**
 * What a journal says happened: which tasks are done, and which attempts were in flight when the farm
 * stopped (started, never finished). A complete line that cannot be parsed is an error naming its line
 * number; a torn last line (no newline) is ignored, as a crash mid-write leaves one.
 *
 * <p>Memory: a bit per task index for the done set, plus the attempts in flight at the end (at most
 * the number of workers of the last run). Task indices must be below 2^31.
 */
public final class JournalReplay {
    private final BitSet done = new BitSet();
    private final List<JournalRecord.Started> inFlight;
    private final String lastFingerprint;
    private final long records;
    private final long torn;

    private JournalReplay(List<JournalRecord.Started> inFlight, String lastFingerprint, long records, long torn) {
        this.inFlight = inFlight;
        this.lastFingerprint = lastFingerprint;
        this.records = records;
        this.torn = torn;
    }

    /** Reads a journal; an unreadable or malformed one fails with a message naming the file (and line). */
    public static JournalReplay read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot resume: journal " + file + (Files.exists(file) ? " is not a file" : " does not exist"));
        }
        var open = new HashMap<Long, JournalRecord.Started>();
        var doneSet = new BitSet();
        String fingerprint = null;
        long count = 0;
        long lineNo = 0;
        long tornBytes = 0;
        try (var raw = Files.newInputStream(file);
             var in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder line = new StringBuilder();
            int c;
            while (true) {
                line.setLength(0);
                while ((c = in.read()) >= 0 && c != '\n') line.append((char) c);
                if (c < 0) {
                    tornBytes = line.length();
                    break;
                }
                lineNo++;
                if (line.isEmpty()) continue;
                JournalRecord r;
                try {
                    r = JournalRecord.decode(line.toString());
                } catch (IOException e) {
                    throw new IOException("journal " + file + " line " + lineNo + " is malformed: " + e.getMessage()
                            + " (is this a weft farm journal?)");
                }
                count++;
                switch (r) {
                    case JournalRecord.Run run -> fingerprint = run.fingerprint();
                    case JournalRecord.Started s -> open.put(s.index(), s);
                    case JournalRecord.Finished f -> {
                        open.remove(f.index());
                        if (f.status() == JournalRecord.Status.OK) {
                            if (f.index() > Integer.MAX_VALUE) throw new IOException("journal " + file + " line " + lineNo + ": task index too large");
                            doneSet.set((int) f.index());
                        }
                    }
                }
            }
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("cannot read journal " + file + ": permission denied", e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException("journal " + file + " is not text (is this a weft farm journal?)", e);
        }
        var replay = new JournalReplay(List.copyOf(new ArrayList<>(open.values())), fingerprint, count, tornBytes);
        replay.done.or(doneSet);
        return replay;
    }

    /** Whether task {@code index} finished with status ok in some run. */
    public boolean isDone(long index) {
        return index <= Integer.MAX_VALUE && done.get((int) index);
    }

    public long doneCount() {
        return done.cardinality();
    }

    /** Attempts that started and never finished: the farm crashed or was killed while they ran. */
    public List<JournalRecord.Started> inFlight() {
        return inFlight;
    }

    /** The fingerprint of the last run in the journal, or null if none was recorded. */
    public String lastFingerprint() {
        return lastFingerprint;
    }

    public long records() {
        return records;
    }

    /** Bytes of a torn last line that was ignored (0 when the journal ended cleanly). */
    public long tornBytes() {
        return torn;
    }
}
