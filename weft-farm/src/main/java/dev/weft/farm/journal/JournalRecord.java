package dev.weft.farm.journal;

import java.io.IOException;

/**
 * One line of the journal. Format (tab-separated, one record per line, newline-terminated):
 * <pre>
 * #run      farmFingerprint  startedAtMillis                                       (a run began)
 * S  index  attempt  worker  pid  startMillis                                     (an attempt started)
 * F  index  attempt  exitCode  status  startMillis  durationMillis                 (an attempt ended)
 * </pre>
 * {@code pid} is -1 for in-JVM tasks and for commands that could not start; times are epoch milliseconds.
 * Immutable values.
 */
public sealed interface JournalRecord {

    /** The line, without its newline. */
    String encode();

    /** A run of the farm began; resuming appends a new one. */
    record Run(String fingerprint, long startedAtMillis) implements JournalRecord {
        @Override
        public String encode() {
            return "#run\t" + fingerprint.replace('\t', ' ').replace('\n', ' ') + "\t" + startedAtMillis;
        }
    }

    /** Attempt {@code attempt} (from 1) of task {@code index} started on worker slot {@code worker}. */
    record Started(long index, int attempt, int worker, long pid, long startMillis) implements JournalRecord {
        @Override
        public String encode() {
            return "S\t" + index + "\t" + attempt + "\t" + worker + "\t" + pid + "\t" + startMillis;
        }
    }

    /** Attempt {@code attempt} of task {@code index} ended with {@code status}. */
    record Finished(long index, int attempt, int exitCode, Status status, long startMillis, long durationMillis) implements JournalRecord {
        @Override
        public String encode() {
            return "F\t" + index + "\t" + attempt + "\t" + exitCode + "\t" + status.word() + "\t" + startMillis + "\t" + durationMillis;
        }
    }

    /** How an attempt ended. */
    enum Status {
        /** Exit code 0 (or the Java function returned): the task is done. */
        OK("ok"),
        /** Non-zero exit, an exception, or the process could not start. */
        FAILED("failed"),
        /** Killed by {@code --timeout}. */
        TIMED_OUT("timeout"),
        /** Killed because the farm was stopping (Ctrl-C, SIGTERM, {@code --halt now}); not a failure of the task. */
        KILLED("killed");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        static Status ofWord(String w) throws IOException {
            for (Status s : values()) if (s.word.equals(w)) return s;
            throw new IOException("unknown status '" + w + "'");
        }
    }

    /** Parses one complete line. */
    static JournalRecord decode(String line) throws IOException {
        String[] f = line.split("\t", -1);
        try {
            return switch (f[0]) {
                case "#run" -> {
                    need(f, 3);
                    yield new Run(f[1], Long.parseLong(f[2]));
                }
                case "S" -> {
                    need(f, 6);
                    yield new Started(Long.parseLong(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                            Long.parseLong(f[4]), Long.parseLong(f[5]));
                }
                case "F" -> {
                    need(f, 7);
                    yield new Finished(Long.parseLong(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                            Status.ofWord(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
                }
                default -> throw new IOException("unknown record type '" + f[0] + "'");
            };
        } catch (NumberFormatException e) {
            throw new IOException("bad number (" + e.getMessage() + ")");
        }
    }

    private static void need(String[] f, int n) throws IOException {
        if (f.length != n) throw new IOException("expected " + n + " fields, found " + f.length);
    }
}
