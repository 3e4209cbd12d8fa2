/**
 * Intra-op parallelism: one bounded, process-wide pool that large kernels split their work across.
 *
 * <h2>How kernels and the concurrent machine share the cores</h2>
 * The concurrent machine runs many vertices at once, one virtual thread each; the JDK schedules
 * those on as many carrier threads as there are cores. A kernel inside a vertex may also want
 * every core. If both kinds of parallelism took all the cores, two cores would carry four busy
 * threads and every kernel would slow down. The contract that prevents this:
 * <ol>
 *   <li>There is one budget of {@link IntraOp#threads()} compute threads for the whole process
 *       (system property {@code weft.threads}, default: available processors).</li>
 *   <li>A kernel calls {@link IntraOp#parallelFor}. Its calling thread counts against the budget and
 *       always does work itself. It recruits helpers from the pool only while the number of threads
 *       currently inside parallel kernels is below the budget; it never waits for a helper to become
 *       free. When the machine already keeps the cores busy with other kernels, a kernel therefore
 *       simply runs on its own thread, single-threaded, as fast as it would alone.</li>
 *   <li>A parallel kernel called from inside another one's task runs inline (no nesting).</li>
 *   <li>Small kernels (below a few hundred thousand multiply-adds) never go parallel: handing work
 *       to another thread costs tens of microseconds.</li>
 *   <li>A helper gives its core back as soon as more threads than the budget are inside parallel
 *       kernels: when a second caller arrives after the first recruited its helper, the helper
 *       finishes the task in hand and leaves the rest to the first caller. So two vertices running
 *       kernels at once end up one thread each, the machine's inter-op parallelism replacing the
 *       kernels' intra-op parallelism rather than stacking on it.</li>
 * </ol>
 * The only overlap left is that one task in hand: at most {@code threads - 1} helper threads, each
 * for at most one task, on top of the callers' threads.
 *
 * <p>Benchmarks pin the thread count at run time with {@link IntraOp#setThreads(int)} (1 forces
 * single-threaded kernels).
 */
package dev.weft.tensor.parallel;
