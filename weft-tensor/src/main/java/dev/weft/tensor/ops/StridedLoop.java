package dev.weft.tensor.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * Walks several operands that all have one shape (views, possibly strided or broadcast with
 * stride 0) in row-major order, one inner run at a time.
 *
 * <p>Axes of size 1 are dropped and adjacent axes merged wherever every operand allows it, so a
 * contiguous operand is seen as one long run and a broadcast bias as runs with step 0. The
 * kernel gets, per run, the storage position of each operand's first element, the step of each
 * operand along the run, and the run length; it must not modify the arrays it is handed.
 *
 * <p>Parallelism seam: runs are independent when the output does not alias an input, so a
 * caller may later split the outer index range across the process-wide pool.
 */
final class StridedLoop {
    private StridedLoop() {}

    /** Step arrays of ones, shared: rows must not modify the arrays they are handed. */
    private static final int[][] UNIT_STEPS = {{}, {1}, {1, 1}, {1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1, 1}};

    /** One run of {@code len} elements: operand j starts at {@code pos[j]} and advances by {@code step[j]}. */
    @FunctionalInterface
    interface Row {
        void run(int[] pos, int[] step, int len);
    }

    /** Calls {@code row} for every run covering {@code shape}; each operand must have exactly that shape. */
    static void forEachRow(Shape shape, Tensor[] operands, Row row) {
        if (shape.size() == 0) return;
        int n = operands.length;
        int rank = shape.rank();
        int[] pos = new int[n];
        boolean allContiguous = true;
        for (int j = 0; j < n; j++) {
            pos[j] = operands[j].offset();
            allContiguous &= operands[j].isContiguous();
        }
        // The common case, every operand dense: one run, nothing else to allocate.
        if (allContiguous && n < UNIT_STEPS.length) {
            row.run(pos, UNIT_STEPS[n], shape.size());
            return;
        }
        int[][] src = new int[n][];
        for (int j = 0; j < n; j++) src[j] = operands[j].strides();
        int[] dims = new int[rank];
        int[][] st = new int[n][rank];
        int r = 0;
        for (int ax = 0; ax < rank; ax++) {
            int d = shape.dim(ax);
            if (d == 1) continue;
            boolean merge = r > 0;
            for (int j = 0; j < n && merge; j++) merge = st[j][r - 1] == src[j][ax] * d;
            if (merge) {
                dims[r - 1] *= d;
                for (int j = 0; j < n; j++) st[j][r - 1] = src[j][ax];
            } else {
                dims[r] = d;
                for (int j = 0; j < n; j++) st[j][r] = src[j][ax];
                r++;
            }
        }
        int[] step = new int[n];
        if (r == 0) {
            row.run(pos, step, 1);
            return;
        }
        int inner = dims[r - 1];
        for (int j = 0; j < n; j++) step[j] = st[j][r - 1];
        int outerRank = r - 1;
        int[] idx = new int[outerRank];
        while (true) {
            row.run(pos, step, inner);
            int ax = outerRank - 1;
            for (; ax >= 0; ax--) {
                if (++idx[ax] < dims[ax]) {
                    for (int j = 0; j < n; j++) pos[j] += st[j][ax];
                    break;
                }
                for (int j = 0; j < n; j++) pos[j] -= st[j][ax] * (dims[ax] - 1);
                idx[ax] = 0;
            }
            if (ax < 0) return;
        }
    }
}
