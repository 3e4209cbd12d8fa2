package dev.weft.farm.proc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Terminates a process and all its descendants: SIGTERM to every member, then SIGKILL to whatever is
 * still alive after the grace period. Stateless and thread-safe.
 *
 * <p>The tree is snapshotted before any signal, because a child whose parent dies is re-parented and
 * no longer shows up as a descendant; it is snapshotted again before the KILL round to catch children
 * forked meanwhile. A descendant that escaped before the first snapshot (a daemon that double-forked)
 * is not found: ProcessHandle sees only the parent chain.
 */
public final class ProcessTree {
    private ProcessTree() {}

    /** TERM the tree of {@code root}, wait up to {@code grace} for it to exit, then KILL what is left. */
    public static void terminate(ProcessHandle root, Duration grace) {
        List<ProcessHandle> members = snapshot(root);
        for (ProcessHandle p : members) p.destroy();
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : members) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                break; // timed out (or interrupted): go on to KILL
            }
        }
        kill(members);
        if (root.isAlive()) kill(snapshot(root));
        awaitGone(members, Duration.ofMillis(500));
    }

    /** Gives killed members a moment to disappear, so callers that return "terminated" mostly mean it. */
    private static void awaitGone(List<ProcessHandle> members, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        for (ProcessHandle p : members) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                return; // a zombie waiting for its new parent to reap it: it cannot run any more
            }
        }
    }

    /** SIGKILL the tree of {@code root} at once. */
    public static void kill(ProcessHandle root) {
        kill(snapshot(root));
    }

    private static void kill(List<ProcessHandle> members) {
        for (ProcessHandle p : members) if (p.isAlive()) p.destroyForcibly();
    }

    /** Descendants (deepest last) and then the root, so children are signalled before the parent can reap them. */
    private static List<ProcessHandle> snapshot(ProcessHandle root) {
        var members = new ArrayList<ProcessHandle>();
        root.descendants().forEach(members::add);
        members.add(root);
        return members;
    }
}
