package dev.weft.tensor.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.Arrays;

/**
 * The ONNX shape operators, with ONNX argument conventions (long arrays, negative axes, 0 and -1
 * in Reshape): Reshape, Flatten, Squeeze, Unsqueeze, Transpose, Slice, Expand, Shape, Size,
 * DepthToSpace, SpaceToDepth. Reshape, Flatten, Squeeze, Unsqueeze, Slice and Expand return
 * views that share the input's array (Reshape copies only a non-contiguous input); Transpose and
 * the depth/space ops return contiguous copies.
 */
public final class ShapeOps {
    private ShapeOps() {}

    /** The output shape of ONNX Reshape: 0 copies the input dim (unless {@code allowZero}), -1 is inferred. */
    public static Shape reshapeTarget(Shape in, long[] shape, boolean allowZero) {
        int[] dims = new int[shape.length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = shape[i];
            if (d == -1) {
                if (infer >= 0) throw new IllegalArgumentException("Reshape: shape " + Arrays.toString(shape) + " has more than one -1");
                infer = i;
                continue;
            }
            if (d == 0 && !allowZero) {
                if (i >= in.rank()) throw new IllegalArgumentException("Reshape: shape " + Arrays.toString(shape)
                        + " copies dimension " + i + " (0) but the input " + in + " has rank " + in.rank());
                d = in.dim(i);
            }
            if (d < 0 || d > Shape.MAX_ELEMENTS) {
                throw new IllegalArgumentException("Reshape: invalid dimension " + shape[i] + " in shape " + Arrays.toString(shape));
            }
            dims[i] = (int) d;
            known *= d;
            if (known > Shape.MAX_ELEMENTS) known = Shape.MAX_ELEMENTS + 1;
        }
        if (infer >= 0) {
            if (known == 0 || in.size() % known != 0) {
                throw new IllegalArgumentException("Reshape: cannot infer the -1 in " + Arrays.toString(shape)
                        + " for an input of shape " + in + " (" + in.size() + " elements)");
            }
            dims[infer] = (int) (in.size() / known);
        }
        Shape out = Shape.of(dims);
        if (out.size() != in.size()) {
            throw new IllegalArgumentException("Reshape: cannot reshape " + in + " (" + in.size() + " elements) to "
                    + Arrays.toString(shape) + " = " + out + " (" + out.size() + " elements)");
        }
        return out;
    }

    /** ONNX Reshape. */
    public static Tensor reshape(Tensor x, long[] shape, boolean allowZero) {
        return x.reshape(reshapeTarget(x.shape(), shape, allowZero));
    }

    /** ONNX Flatten: a 2-D view {@code [prod(dims[:axis]), prod(dims[axis:])]}; axis may be rank. */
    public static Tensor flatten(Tensor x, int axis) {
        int a = axis < 0 ? axis + x.rank() : axis;
        if (a < 0 || a > x.rank()) throw new IllegalArgumentException("Flatten: axis " + axis + " is out of range for " + x.shape());
        long outer = 1, inner = 1;
        for (int i = 0; i < x.rank(); i++) {
            if (i < a) outer *= x.shape().dim(i);
            else inner *= x.shape().dim(i);
        }
        return x.reshape(Shape.of(outer, inner));
    }

    /** ONNX Squeeze: removes the listed axes (each of size 1), or every size-1 axis when none are listed. */
    public static Tensor squeeze(Tensor x, int... axes) {
        boolean[] drop = new boolean[x.rank()];
        if (axes.length == 0) {
            for (int i = 0; i < x.rank(); i++) drop[i] = x.shape().dim(i) == 1;
        }
        for (int a : axes) {
            int ax = x.shape().normalizeAxis(a);
            if (x.shape().dim(ax) != 1) {
                throw new IllegalArgumentException("Squeeze: axis " + a + " of shape " + x.shape() + " has size "
                        + x.shape().dim(ax) + ", not 1");
            }
            drop[ax] = true;
        }
        Tensor r = x;
        for (int i = x.rank() - 1; i >= 0; i--) if (drop[i]) r = r.squeeze(i);
        return r;
    }

    /** ONNX Unsqueeze: inserts size-1 axes at the listed positions of the output. */
    public static Tensor unsqueeze(Tensor x, int... axes) {
        int outRank = x.rank() + axes.length;
        boolean[] add = new boolean[outRank];
        for (int a : axes) {
            int ax = a < 0 ? a + outRank : a;
            if (ax < 0 || ax >= outRank || add[ax]) {
                throw new IllegalArgumentException("Unsqueeze: axes " + Arrays.toString(axes) + " are invalid for shape "
                        + x.shape() + " (output rank " + outRank + ")");
            }
            add[ax] = true;
        }
        Tensor r = x;
        for (int i = 0; i < outRank; i++) if (add[i]) r = r.unsqueeze(i);
        return r;
    }

    /** ONNX Transpose, materialized as a new contiguous tensor (never x itself); no perm reverses the axes. */
    public static Tensor transpose(Tensor x, int... perm) {
        return x.transpose(perm).copy();
    }

    /**
     * ONNX Slice (opset 10+) as a view: per listed axis (all axes in order when {@code axes} is
     * null) elements {@code start, start+step, ...} before {@code end}, clamped as ONNX says;
     * {@code steps} null means 1. Values beyond the int range (INT64_MAX and friends) clamp.
     */
    public static Tensor slice(Tensor x, long[] starts, long[] ends, long[] axes, long[] steps) {
        if (starts.length != ends.length || (axes != null && axes.length != starts.length)
                || (steps != null && steps.length != starts.length)) {
            throw new IllegalArgumentException("Slice: starts, ends, axes and steps must have equal lengths, got "
                    + starts.length + ", " + ends.length + ", " + (axes == null ? "-" : axes.length) + ", "
                    + (steps == null ? "-" : steps.length));
        }
        boolean[] seen = new boolean[x.rank()];
        Tensor r = x;
        for (int i = 0; i < starts.length; i++) {
            int ax = x.shape().normalizeAxis(axes == null ? i : (int) axes[i]);
            if (seen[ax]) throw new IllegalArgumentException("Slice: axis " + ax + " is listed twice for shape " + x.shape());
            seen[ax] = true;
            long step = steps == null ? 1 : steps[i];
            if (step == 0) throw new IllegalArgumentException("Slice: step 0 on axis " + ax + " of shape " + x.shape());
            r = r.slice(ax, clampInt(starts[i]), clampInt(ends[i]), clampInt(step));
        }
        return r;
    }

    private static int clampInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, v));
    }

    /** ONNX Expand: broadcasts x and {@code shape} together (either may have the larger dims); a view. */
    public static Tensor expand(Tensor x, long[] shape) {
        return x.expand(Args.broadcast("Expand", x.shape(), Shape.of(shape)));
    }

    /** ONNX Shape (opset 15, with start and end; pass 0 and rank for all): an int64 vector. */
    public static Tensor shapeOf(Tensor x, int start, int end) {
        int r = x.rank();
        int s = Math.max(0, Math.min(r, start < 0 ? start + r : start));
        int e = Math.max(0, Math.min(r, end < 0 ? end + r : end));
        long[] dims = x.shape().toLongArray();
        long[] out = e > s ? Arrays.copyOfRange(dims, s, e) : new long[0];
        return Tensor.of(out, out.length);
    }

    /** ONNX Shape of all axes. */
    public static Tensor shapeOf(Tensor x) { return shapeOf(x, 0, x.rank()); }

    /** ONNX Size: the element count as an int64 scalar. */
    public static Tensor sizeOf(Tensor x) { return Tensor.of(new long[] {x.size()}); }

    /** ONNX DepthToSpace on NCHW; {@code mode} is "DCR" (default) or "CRD". */
    public static Tensor depthToSpace(Tensor x, int blocksize, String mode) {
        int[] d = nchw("DepthToSpace", x);
        int n = d[0], c = d[1], h = d[2], w = d[3], b = blocksize;
        if (b <= 0 || c % (b * b) != 0) {
            throw new IllegalArgumentException("DepthToSpace: " + c + " channels of " + x.shape() + " are not a multiple of blocksize² = " + b * b);
        }
        int oc = c / (b * b);
        Tensor v = switch (mode) {
            case "DCR" -> x.reshape(n, b, b, oc, h, w).transpose(0, 3, 4, 1, 5, 2);
            case "CRD" -> x.reshape(n, oc, b, b, h, w).transpose(0, 1, 4, 2, 5, 3);
            default -> throw new IllegalArgumentException("DepthToSpace: mode must be DCR or CRD, not " + mode);
        };
        return v.contiguous().reshape(n, oc, h * b, w * b);
    }

    /** ONNX SpaceToDepth on NCHW. */
    public static Tensor spaceToDepth(Tensor x, int blocksize) {
        int[] d = nchw("SpaceToDepth", x);
        int n = d[0], c = d[1], h = d[2], w = d[3], b = blocksize;
        if (b <= 0 || h % b != 0 || w % b != 0) {
            throw new IllegalArgumentException("SpaceToDepth: height and width of " + x.shape() + " are not multiples of blocksize " + b);
        }
        return x.reshape(n, c, h / b, b, w / b, b).transpose(0, 3, 5, 1, 2, 4).contiguous().reshape(n, c * b * b, h / b, w / b);
    }

    private static int[] nchw(String op, Tensor x) {
        if (x.rank() != 4) throw new IllegalArgumentException(op + " needs a 4-D NCHW tensor, got " + x.dtype() + x.shape());
        return x.shape().dims();
    }
}
