/**
 * Machines execute graphs. Both implement {@link dev.weft.machine.Machine} and give identical results:
 * <ul>
 *   <li>{@link dev.weft.machine.SequentialMachine}: the graph compiled into a topologically ordered
 *       tape, run on the calling thread (Gorgonia's TapeMachine).</li>
 *   <li>{@link dev.weft.machine.ConcurrentMachine}: the GoMachine design: every vertex a virtual
 *       thread, every edge a channel, a vertex fires when all its inputs have arrived.</li>
 * </ul>
 * Both compile the graph once into a {@link dev.weft.machine.Program} and can run it any number of
 * times with new inputs.
 */
package dev.weft.machine;
