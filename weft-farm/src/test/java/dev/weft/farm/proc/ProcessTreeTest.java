package dev.weft.farm.proc;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {
    @Test
    void termIgnoringTreeIsKilledAfterTheGrace() throws Exception {
        // The shell ignores TERM, and so does its child: only KILL ends them.
        Process p = new ProcessBuilder("sh", "-c", "trap '' TERM; sh -c \"trap '' TERM; sleep 60\" & wait").start();
        Thread.sleep(300);
        var child = p.toHandle().descendants().findFirst().orElseThrow();
        long t0 = System.nanoTime();
        ProcessTree.terminate(p.toHandle(), Duration.ofMillis(400));
        assertTrue(System.nanoTime() - t0 >= 400_000_000L, "TERM was ignored, so the grace period must have run out");
        assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS));
        // (Its exit code is 137, or 0 when its `wait` returned as the child died just before the KILL reached it.)
        child.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertFalse(child.isAlive());
    }

    @Test
    void memoryGateReadsMemAvailable() {
        assertTrue(MemoryGate.readAvailable() > 0);
        assertTrue(new MemoryGate(1).open());
        assertFalse(new MemoryGate(Long.MAX_VALUE).open());
    }
}
