package dev.weft.onnx.ops;

import dev.weft.tensor.Shape;
import java.util.Objects;

/**
 * What a kernel derived from the shapes of its last call (an output shape, a convolution or pooling
 * plan), kept so that a steady state, which sees the same shapes on every call, derives and
 * allocates nothing. Keyed by one or two shapes ({@code second} may be null); a call with other
 * shapes derives its value anew and replaces the memo.
 *
 * <p>This is the one mutable thing a kernel may hold, and it is invisible to callers: a value must
 * be a pure function of the key shapes (and the kernel's attributes), so a stale or missing memo
 * only costs deriving it again. Implementation note: the field is plain, not volatile, and races
 * between threads are benign: it holds an immutable {@link Entry} whose fields are final, so a
 * thread that reads it sees a fully built entry (its values must themselves be immutable or
 * safely published), and only uses it after checking its key.
 */
public final class ShapeMemo<V> {
    private record Entry<V>(Shape first, Shape second, V value) {}

    private Entry<V> last;

    /** The value remembered for exactly these shapes, or null. Allocates nothing. */
    public V get(Shape first, Shape second) {
        Entry<V> e = last;
        return e != null && e.first.equals(first) && Objects.equals(e.second, second) ? e.value : null;
    }

    /** Remembers {@code value} for these shapes, replacing the memo, and returns it. */
    public V put(Shape first, Shape second, V value) {
        last = new Entry<>(first, second, value);
        return value;
    }
}
