package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.weft.farm.journal.JournalRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The farm as its own JVM, the way users run it: killed with -9 and resumed, and stopped with
 * SIGTERM and SIGINT. Each task is a real sh process that logs its run.
 */
class FarmCrashTest {
    @TempDir
    Path dir;

    /** Starts {@code weft ARGS} in a fresh JVM with the test's classpath. */
    private Process weft(Path log, String... args) throws IOException {
        var cmd = new ArrayList<String>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.weft.cli.Weft");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Journal records, ignoring a torn last line (the farm may die mid-write). */
    private static List<JournalRecord> records(Path journal) throws IOException {
        var out = new ArrayList<JournalRecord>();
        String text = Files.readString(journal);
        int end = text.lastIndexOf('\n');
        if (end < 0) return out;
        for (String line : text.substring(0, end).split("\n")) {
            if (!line.isEmpty()) out.add(JournalRecord.decode(line));
        }
        return out;
    }

    private static Set<Long> doneIn(List<JournalRecord> records) {
        var done = new HashSet<Long>();
        for (var r : records) if (r instanceof JournalRecord.Finished f && f.status() == JournalRecord.Status.OK) done.add(f.index());
        return done;
    }

    @Test
    void killMinusNineThenResumeRunsEveryTaskExactlyOnce() throws Exception {
        int tasks = 160;
        Path res = dir.resolve("res");
        Path journal = res.resolve("journal.tsv");
        Path runs = dir.resolve("runs.log");
        String[] farm = {"farm", "--results", res.toString(), "--range", "0.." + tasks, "-j", "8", "--progress", "none",
            "--", "sh", "-c", "echo $WEFT_TASK_INDEX >> " + runs + "; sleep 0.1"};
        Process first = weft(dir.resolve("first.log"), farm);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(journal) || doneIn(records(journal)).size() < 40) {
            assertTrue(first.isAlive(), "the farm ended before it could be killed: " + Files.readString(dir.resolve("first.log")));
            assertTrue(System.nanoTime() < deadline, "the farm made no progress");
            Thread.sleep(20);
        }
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        first.waitFor();
        Set<Long> doneBefore = doneIn(records(journal));
        assertTrue(doneBefore.size() < tasks, "the kill came too late to test anything");
        Thread.sleep(300); // let the orphaned in-flight tasks finish writing their run line
        int runsBefore = Files.readAllLines(runs).size();

        String[] resume = new String[farm.length + 1];
        System.arraycopy(farm, 0, resume, 0, 1);
        resume[1] = "--resume";
        System.arraycopy(farm, 1, resume, 2, farm.length - 1);
        Process second = weft(dir.resolve("second.log"), resume);
        assertTrue(second.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue(), Files.readString(dir.resolve("second.log")));

        // Every task is recorded done exactly once.
        Map<Long, Integer> okCount = new HashMap<>();
        for (var r : records(journal)) {
            if (r instanceof JournalRecord.Finished f && f.status() == JournalRecord.Status.OK) okCount.merge(f.index(), 1, Integer::sum);
        }
        assertEquals(tasks, okCount.size(), "a task was lost");
        okCount.forEach((i, n) -> assertEquals(1, n, "task " + i + " recorded done " + n + " times"));
        // No task that was done before the crash ran again; every other task ran after it.
        List<String> allRuns = Files.readAllLines(runs);
        var after = new HashSet<Long>();
        for (String s : allRuns.subList(runsBefore, allRuns.size())) after.add(Long.parseLong(s.trim()));
        for (long i : doneBefore) assertFalse(after.contains(i), "task " + i + " was done before the crash and ran again");
        for (long i = 0; i < tasks; i++) {
            if (!doneBefore.contains(i)) assertTrue(after.contains(i), "task " + i + " was not done before the crash and never ran after");
        }
        assertTrue(Files.readString(dir.resolve("second.log")).contains(doneBefore.size() + " skipped"));
    }

    @Test
    void sigtermLeavesNoOrphans() throws Exception {
        stopWith("TERM", 143);
    }

    @Test
    void sigintLeavesNoOrphans() throws Exception {
        stopWith("INT", 130);
    }

    private void stopWith(String signal, int expectedExit) throws Exception {
        Path res = dir.resolve("res");
        Path pids = dir.resolve("pids");
        Path log = dir.resolve("farm.log");
        Process farm = weft(log, "farm", "--results", res.toString(), "--range", "0..20", "-j", "4", "--progress", "none",
                "--kill-grace", "2s", "--", "sh", "-c", "echo $$ >> " + pids + "; sleep 60 & echo $! >> " + pids + "; wait");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(pids) || Files.readAllLines(pids).size() < 8) {
            assertTrue(farm.isAlive(), Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "tasks did not start");
            Thread.sleep(20);
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(farm.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(farm.waitFor(30, TimeUnit.SECONDS), "the farm did not stop");
        assertEquals(expectedExit, farm.exitValue(), Files.readString(log));
        for (String pid : Files.readAllLines(pids)) {
            assertTrue(gone(Long.parseLong(pid.trim())), "process " + pid + " outlived the farm");
        }
        // The journal is consistent: every started attempt has its end recorded, as killed.
        var records = records(res.resolve("journal.tsv"));
        long started = records.stream().filter(r -> r instanceof JournalRecord.Started).count();
        var finished = records.stream().filter(r -> r instanceof JournalRecord.Finished).map(r -> (JournalRecord.Finished) r).toList();
        assertEquals(4, started);
        assertEquals(4, finished.size());
        assertTrue(finished.stream().allMatch(f -> f.status() == JournalRecord.Status.KILLED));
        assertTrue(Files.readString(log).contains("stopped early: interrupted"), Files.readString(log));
    }

    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            var h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive() || zombie(pid)) return true;
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }
}
