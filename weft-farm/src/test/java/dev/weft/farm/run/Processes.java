package dev.weft.farm.run;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: whether a process is gone, waiting a little for its re-parenting init to reap it. */
final class Processes {
    private Processes() {}

    static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (goneNow(pid)) return true;
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean goneNow(long pid) {
        var h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) return true;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z"); // a zombie runs nothing
        } catch (Exception e) {
            return true;
        }
    }
}
