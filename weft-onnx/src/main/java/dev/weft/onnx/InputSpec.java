package dev.weft.onnx;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.util.Arrays;

/**
 * A model input as declared: name, dtype, and dims (null = unknown rank; -1 = symbolic dimension).
 */
public record InputSpec(String name, DType dtype, long[] dims) {

    /** The declared type as text, e.g. {@code float32[N, 3, 224, 224]}. */
    public String describe() {
        if (dims == null) return dtype + "[...]";
        StringBuilder sb = new StringBuilder().append(dtype).append('[');
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(dims[i] < 0 ? "?" : Long.toString(dims[i]));
        }
        return sb.append(']').toString();
    }

    /** Null when {@code t} fits this declaration, else a one-line reason naming the input. */
    public String mismatch(Tensor t) {
        boolean ok = t.dtype() == dtype;
        if (ok && dims != null) {
            int[] d = t.shape().dims();
            ok = d.length == dims.length;
            for (int i = 0; ok && i < d.length; i++) ok = dims[i] < 0 || dims[i] == d[i];
        }
        return ok ? null : "input '" + name + "' expects " + describe() + " but got " + t.dtype()
                + Arrays.toString(t.shape().dims());
    }
}
