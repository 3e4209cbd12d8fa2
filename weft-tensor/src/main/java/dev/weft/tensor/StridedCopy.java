package dev.weft.tensor;

/**
 * Copies the elements of one strided view into another of the same shape and storage kind,
 * fast: axes are merged where both layouts allow, runs that are contiguous on both sides go
 * through {@link System#arraycopy}, and a run that is strided in the source but contiguous in
 * the destination (a transpose) is copied in square tiles so both sides stay in cache.
 */
final class StridedCopy {
    private static final int TILE = 32;

    private StridedCopy() {}

    static void copy(Tensor src, Tensor dst) {
        Shape shape = src.shape();
        if (shape.size() == 0) return;
        if (src.isContiguous() && dst.isContiguous()) {
            System.arraycopy(src.data(), src.offset(), dst.data(), dst.offset(), shape.size());
            return;
        }
        if (singleRun(src, dst)) return;
        int rank = shape.rank();
        int[] ss = src.strides(), ds = dst.strides();
        int[] dims = new int[rank];
        int[] s = new int[rank];
        int[] d = new int[rank];
        int r = 0;
        for (int ax = 0; ax < rank; ax++) {
            int n = shape.dim(ax);
            if (n == 1) continue;
            if (r > 0 && s[r - 1] == ss[ax] * n && d[r - 1] == ds[ax] * n) {
                dims[r - 1] *= n;
                s[r - 1] = ss[ax];
                d[r - 1] = ds[ax];
            } else {
                dims[r] = n;
                s[r] = ss[ax];
                d[r] = ds[ax];
                r++;
            }
        }
        Object from = src.data(), to = dst.data();
        int ps = src.offset(), pd = dst.offset();
        if (r == 0) {
            System.arraycopy(from, ps, to, pd, 1);
            return;
        }
        // A transpose: the source's unit stride lies on the second-innermost axis.
        if (r >= 2 && s[r - 2] == 1 && s[r - 1] != 1 && d[r - 1] == 1) {
            int outer = r - 2;
            int[] idx = new int[outer];
            while (true) {
                tile2d(from, ps, s[r - 2], s[r - 1], to, pd, d[r - 2], dims[r - 2], dims[r - 1]);
                int ax = outer - 1;
                for (; ax >= 0; ax--) {
                    if (++idx[ax] < dims[ax]) { ps += s[ax]; pd += d[ax]; break; }
                    ps -= s[ax] * (dims[ax] - 1);
                    pd -= d[ax] * (dims[ax] - 1);
                    idx[ax] = 0;
                }
                if (ax < 0) return;
            }
        }
        int inner = dims[r - 1], si = s[r - 1], di = d[r - 1];
        int outer = r - 1;
        int[] idx = new int[outer];
        while (true) {
            run(from, ps, si, to, pd, di, inner);
            int ax = outer - 1;
            for (; ax >= 0; ax--) {
                if (++idx[ax] < dims[ax]) { ps += s[ax]; pd += d[ax]; break; }
                ps -= s[ax] * (dims[ax] - 1);
                pd -= d[ax] * (dims[ax] - 1);
                idx[ax] = 0;
            }
            if (ax < 0) return;
        }
    }

    /**
     * Copies the common case of one strided run (a broadcast row, a column) without the index
     * arrays of the general walk: true if every axis but one has size 1.
     */
    private static boolean singleRun(Tensor src, Tensor dst) {
        Shape shape = src.shape();
        int axis = -1;
        for (int ax = 0; ax < shape.rank(); ax++) {
            if (shape.dim(ax) == 1) continue;
            if (axis >= 0) return false;
            axis = ax;
        }
        if (axis < 0) {
            System.arraycopy(src.data(), src.offset(), dst.data(), dst.offset(), 1);
        } else {
            run(src.data(), src.offset(), src.stride(axis), dst.data(), dst.offset(), dst.stride(axis), shape.dim(axis));
        }
        return true;
    }

    /** dst[i*dRow + j] = src[i*sRow + j*sCol] for an rows×cols block, tiled. sRow is 1 here. */
    private static void tile2d(Object from, int ps, int sRow, int sCol, Object to, int pd, int dRow, int rows, int cols) {
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int i1 = Math.min(rows, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    run(from, ps + i * sRow + j0 * sCol, sCol, to, pd + i * dRow + j0, 1, j1 - j0);
                }
            }
        }
    }

    /** Copies n elements from (from, ps, step si) to (to, pd, step di). */
    private static void run(Object from, int ps, int si, Object to, int pd, int di, int n) {
        if (si == 1 && di == 1) {
            System.arraycopy(from, ps, to, pd, n);
            return;
        }
        switch (from) {
            case float[] a -> { float[] b = (float[]) to; for (int i = 0; i < n; i++) b[pd + i * di] = a[ps + i * si]; }
            case double[] a -> { double[] b = (double[]) to; for (int i = 0; i < n; i++) b[pd + i * di] = a[ps + i * si]; }
            case long[] a -> { long[] b = (long[]) to; for (int i = 0; i < n; i++) b[pd + i * di] = a[ps + i * si]; }
            case int[] a -> { int[] b = (int[]) to; for (int i = 0; i < n; i++) b[pd + i * di] = a[ps + i * si]; }
            case short[] a -> { short[] b = (short[]) to; for (int i = 0; i < n; i++) b[pd + i * di] = a[ps + i * si]; }
            case byte[] a -> { byte[] b = (byte[]) to; for (int i = 0; i < n; i++) b[pd + i * di] = a[ps + i * si]; }
            default -> throw new IllegalStateException("unknown storage " + from.getClass());
        }
    }
}
