package dev.weft.farm.run;

import static org.junit.jupiter.api.Assertions.*;

import dev.weft.farm.journal.JournalRecord;
import dev.weft.farm.journal.JournalReplay;
import dev.weft.farm.task.TaskSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The farm with real processes (sh) and with Java functions. */
class FarmTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private FarmResult run(FarmConfig cfg) throws Exception {
        return new Farm(cfg, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run();
    }

    private static TaskAction sh(String script, String... args) {
        var argv = new java.util.ArrayList<>(List.of("sh", "-c", script, "sh"));
        argv.addAll(List.of(args));
        return new TaskAction.Command(argv, false, null);
    }

    @Test
    void rangeTasksGetTheirValuesEnvironmentAndFiles() throws Exception {
        Path res = dir.resolve("res");
        var cfg = FarmConfig.builder(new TaskSource.Range(0, 25, 10), sh("echo $1 $2 $3 $4 w=$WEFT_WORKER i=$WEFT_TASK_INDEX; echo oops >&2", "{index}", "{start}", "{count}", "{end}"))
                .workers(3).results(res).build();
        FarmResult r = run(cfg);
        assertTrue(r.success(), err.toString());
        assertEquals(3, r.ok());
        assertEquals("2 20 5 25 w=", Files.readString(res.resolve("2.out")).substring(0, 12));
        assertTrue(Files.readString(res.resolve("2.out")).trim().endsWith("i=2"));
        int w = Integer.parseInt(Files.readString(res.resolve("0.out")).replaceAll("(?s).*w=(\\d+).*", "$1"));
        assertTrue(w >= 1 && w <= 3);
        assertEquals("oops\n", Files.readString(res.resolve("1.err")));
        var replay = JournalReplay.read(res.resolve("journal.tsv"));
        assertEquals(3, replay.doneCount());
        assertTrue(err.toString().contains("3 ok, 0 failed"), err.toString());
    }

    @Test
    void stdinPayloadAndShellMode() throws Exception {
        Path res = dir.resolve("res");
        Path list = Files.writeString(dir.resolve("list.txt"), "it's one\nsecond line\n");
        var cfg = FarmConfig.builder(new TaskSource.Lines(list), new TaskAction.Command(List.of("tr", "a-z", "A-Z"), false, "payload {}"))
                .workers(2).results(res).build();
        assertTrue(run(cfg).success());
        assertEquals("PAYLOAD IT'S ONE\n", Files.readString(res.resolve("0.out")));
        Path res2 = dir.resolve("res2");
        var shell = FarmConfig.builder(new TaskSource.Lines(list), new TaskAction.Command(List.of("printf", "'%s|'", "{}", ";", "echo", "$WEFT_TASK_INDEX"), true, null))
                .workers(2).results(res2).build();
        assertTrue(run(shell).success(), err.toString());
        assertEquals("it's one|0\n", Files.readString(res2.resolve("0.out")));
    }

    @Test
    void streamModeTagsLines() throws Exception {
        var cfg = FarmConfig.builder(new TaskSource.Range(0, 3, 1), sh("echo out$1; echo err$1 >&2", "{index}"))
                .workers(2).stream(true).tag("<{index}> ").build();
        assertTrue(run(cfg).success());
        String o = out.toString(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            assertTrue(o.contains("<" + i + "> out" + i + "\n"), o);
            assertTrue(err.toString().contains("<" + i + "> err" + i + "\n"), err.toString());
        }
    }

    @Test
    void tenThousandTasksWithRandomFailuresAndRetriesAreAllAccountedFor() throws Exception {
        Path res = dir.resolve("res");
        // A hash of (task, attempt) decides failure: a third of first attempts fail, some tasks fail all three.
        var cfg = FarmConfig.builder(new TaskSource.Range(0, 10_000, 1),
                        sh("[ $(( (($WEFT_TASK_INDEX * 2654435761 + $WEFT_ATTEMPT * 40503) * ($WEFT_ATTEMPT + 3) >> 7) % 3 )) -ne 0 ]"))
                .workers(16).results(res).retries(2).retryDelay(Duration.ofMillis(1)).build();
        FarmResult r = run(cfg);
        Map<Long, Integer> expectedAttempts = new HashMap<>();
        long expectFailed = 0;
        for (long i = 0; i < 10_000; i++) {
            int attempts = 0;
            boolean ok = false;
            for (int k = 1; k <= 3 && !ok; k++) {
                attempts++;
                ok = (((i * 2654435761L + k * 40503L) * (k + 3)) >> 7) % 3 != 0;
            }
            if (!ok) expectFailed++;
            expectedAttempts.put(i, attempts);
        }
        assertEquals(10_000 - expectFailed, r.ok());
        assertEquals(expectFailed, r.failed());
        assertTrue(expectFailed > 0, "the failure pattern should leave some tasks failed for good");
        assertEquals(1, r.exitCode());
        // The journal has exactly the attempts the pattern implies, each started and finished once.
        Map<Long, Integer> started = new HashMap<>();
        Map<Long, Integer> finished = new HashMap<>();
        for (String line : Files.readAllLines(res.resolve("journal.tsv"))) {
            if (line.startsWith("#")) continue;
            var rec = JournalRecord.decode(line);
            if (rec instanceof JournalRecord.Started s) started.merge(s.index(), 1, Integer::sum);
            if (rec instanceof JournalRecord.Finished f) finished.merge(f.index(), 1, Integer::sum);
        }
        assertEquals(expectedAttempts, started);
        assertEquals(expectedAttempts, finished);
        assertEquals(10_000 - expectFailed, JournalReplay.read(res.resolve("journal.tsv")).doneCount());
        assertTrue(err.toString().contains(expectFailed + " failed"), err.toString());
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        Path res = dir.resolve("res");
        Path pids = dir.resolve("pids");
        var cfg = FarmConfig.builder(new TaskSource.Range(0, 2, 1),
                        sh("sleep 60 & echo $! >> " + pids + "; sh -c 'sleep 61' & echo $! >> " + pids + "; wait"))
                .workers(2).results(res).timeout(Duration.ofMillis(800)).killGrace(Duration.ofMillis(500)).build();
        long t0 = System.nanoTime();
        FarmResult r = run(cfg);
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L);
        assertEquals(2, r.failed());
        assertEquals(JournalRecord.Status.TIMED_OUT, r.failures().getFirst().status());
        List<String> lines = Files.readAllLines(pids);
        assertEquals(4, lines.size());
        for (String pid : lines) assertTrue(Processes.gone(Long.parseLong(pid.trim())), "process " + pid + " outlived the timeout");
    }

    @Test
    void haltNowStopsAtTheFirstFailureAndKillsTheRest() throws Exception {
        Path res = dir.resolve("res");
        var cfg = FarmConfig.builder(new TaskSource.Range(0, 50, 1), sh("if [ $1 = 3 ]; then exit 7; fi; sleep 30", "{index}"))
                .workers(4).results(res).halt(HaltPolicy.parse("now,fail=1")).killGrace(Duration.ofMillis(300)).build();
        long t0 = System.nanoTime();
        FarmResult r = run(cfg);
        assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "halt now must not wait for the sleeping tasks");
        assertEquals(1, r.failed());
        assertEquals(3, r.failures().getFirst().index());
        assertEquals(7, r.failures().getFirst().exitCode());
        assertEquals(3, r.killed());
        assertEquals(50 - 4, r.notStarted());
        // Log files exist for the started tasks only: those prepared for queued tasks were discarded.
        long started = Files.readAllLines(res.resolve("journal.tsv")).stream().filter(l -> l.startsWith("S\t")).count();
        try (var files = Files.list(res)) {
            assertEquals(2 * started, files.filter(f -> !f.getFileName().toString().startsWith("journal")).count());
        }
        assertTrue(r.stopReason().contains("--halt now,fail=1"));
        assertTrue(err.toString().contains("3.err"), err.toString());
    }

    @Test
    void haltPolicySyntax() {
        assertEquals(HaltPolicy.NEVER, HaltPolicy.parse("never"));
        assertTrue(HaltPolicy.parse("soon,fail=3").triggered(3, 3));
        assertFalse(HaltPolicy.parse("soon,fail=3").triggered(2, 100));
        var pct = HaltPolicy.parse("now,fail=20%");
        assertFalse(pct.triggered(1, 1), "one early failure is not judged");
        assertTrue(pct.triggered(2, 10));
        assertFalse(pct.triggered(1, 10));
        assertThrows(IllegalArgumentException.class, () -> HaltPolicy.parse("sometimes"));
        assertThrows(IllegalArgumentException.class, () -> HaltPolicy.parse("now,fail=0"));
    }

    @Test
    void javaFunctionsRunInTheJvmWithRetriesAndTimeouts() throws Exception {
        Path res = dir.resolve("res");
        var attempts = new ConcurrentHashMap<Long, AtomicInteger>();
        TaskFunction fn = ctx -> {
            int a = attempts.computeIfAbsent(ctx.task().index(), k -> new AtomicInteger()).incrementAndGet();
            String v = ctx.value("");
            if (v.equals("flaky") && a < 2) throw new IllegalStateException("first try fails");
            if (v.equals("slow")) Thread.sleep(60_000);
            ctx.out().println("did " + v + " on worker " + ctx.worker());
        };
        var cfg = FarmConfig.builder(new TaskSource.Values(List.of("a", "flaky", "slow", "b")), new TaskAction.Function(fn))
                .workers(2).results(res).retries(1).retryDelay(Duration.ofMillis(5)).timeout(Duration.ofMillis(500)).build();
        FarmResult r = run(cfg);
        assertEquals(3, r.ok());
        assertEquals(1, r.failed());
        assertEquals(2, r.failures().getFirst().index());
        assertEquals(JournalRecord.Status.TIMED_OUT, r.failures().getFirst().status());
        assertEquals(2, attempts.get(1L).get());
        assertTrue(Files.readString(res.resolve("1.out")).startsWith("did flaky on worker "));
    }

    @Test
    void memoryGateHoldsTasksBackUntilStopped() throws Exception {
        Path res = dir.resolve("res");
        var cfg = FarmConfig.builder(new TaskSource.Range(0, 5, 1), sh("true"))
                .workers(2).results(res).memFree(Long.MAX_VALUE / 2).build();
        var farm = new Farm(cfg, new PrintStream(out), new PrintStream(err));
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException ignored) {
                // stop anyway
            }
            farm.stop("test stops the farm", true);
        });
        FarmResult r = farm.run();
        assertEquals(0, r.ok());
        assertFalse(r.success());
        assertEquals("test stops the farm", r.stopReason());
        var ok = FarmConfig.builder(new TaskSource.Range(0, 5, 1), sh("true")).workers(2).results(dir.resolve("ok")).memFree(1).build();
        assertEquals(5, run(ok).ok());
    }

    @Test
    void openStdinWithIdleTimeoutEnds() throws Exception {
        var pipeOut = new java.io.PipedOutputStream();
        var pipeIn = new java.io.PipedInputStream(pipeOut);
        var saved = System.in;
        System.setIn(pipeIn);
        try {
            pipeOut.write("x\ny\n".getBytes(StandardCharsets.UTF_8));
            pipeOut.flush();
            var cfg = FarmConfig.builder(new TaskSource.Lines(null), sh("echo got $1", "{}"))
                    .workers(2).results(dir.resolve("res")).idleTimeout(Duration.ofMillis(400)).build();
            long t0 = System.nanoTime();
            FarmResult r = run(cfg);
            assertEquals(2, r.ok());
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
            assertEquals("got y\n", Files.readString(dir.resolve("res").resolve("1.out")));
        } finally {
            System.setIn(saved);
            pipeOut.close();
        }
    }

    @Test
    void badInputFailsBeforeAnythingRuns() throws IOException {
        Path res = dir.resolve("res");
        var e = assertThrows(IllegalArgumentException.class, () -> run(FarmConfig.builder(new TaskSource.Range(0, 5, 1),
                new TaskAction.Command(List.of("echo", "{stat}"), false, null)).results(res).build()));
        assertTrue(e.getMessage().startsWith("unknown placeholder {stat}"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FarmConfig.builder(new TaskSource.Range(0, 5, 1), sh("true")).workers(0).results(res).build());
        var missing = assertThrows(IllegalArgumentException.class, () -> run(FarmConfig.builder(new TaskSource.Range(0, 5, 1),
                new TaskAction.Command(List.of("no-such-command-weft"), false, null)).results(res).build()));
        assertEquals("command 'no-such-command-weft' not found on PATH", missing.getMessage());
        Files.createDirectories(res);
        Files.writeString(res.resolve("journal.tsv"), "S\t0\t1\t1\t1\t1\n");
        var exists = assertThrows(IOException.class, () -> run(FarmConfig.builder(new TaskSource.Range(0, 5, 1), sh("true")).results(res).build()));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        assertFalse(Files.exists(res.resolve("0.out")), "nothing may run after a startup error");
    }
}
