package dev.weft.machine;

import dev.weft.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Per-vertex argument and result arrays that a machine's runs reuse, so that firing a vertex
 * allocates nothing of the machine's own: {@code in[v]} holds vertex v's inputs by slot (and
 * {@code inList[v]} is the fixed-size list view ops receive), {@code out[v]} its outputs by port.
 *
 * <p>Thread safety: a vertex fires on one thread per run and runs of a machine are serialised, so
 * each vertex's arrays have one writer at a time. A reader on another thread sees {@code out[v]}
 * after the hand-off that tells it v is done. Ops must not keep the input list beyond the call
 * (they are pure functions of their inputs; see {@link dev.weft.graph.Op}).
 */
final class Frames {
    final Tensor[][] in;
    final List<Tensor>[] inList;
    final Tensor[][] out;

    @SuppressWarnings("unchecked")
    Frames(Program program) {
        int n = program.size();
        in = new Tensor[n][];
        inList = new List[n];
        out = new Tensor[n][];
        for (int v = 0; v < n; v++) {
            in[v] = new Tensor[program.inVertex[v].length];
            inList[v] = Arrays.asList(in[v]);
            var node = program.vertices[v];
            out[v] = new Tensor[node.kind() == dev.weft.graph.Node.Kind.OP ? node.types().size() : 1];
        }
    }

    /** Drops the references a finished vertex's inputs hold, so dead values are not kept reachable. */
    void clearInputs(int v) { Arrays.fill(in[v], null); }
}
