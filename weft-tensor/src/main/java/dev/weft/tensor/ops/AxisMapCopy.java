package dev.weft.tensor.ops;

import dev.weft.tensor.Tensor;

/**
 * Builds an output whose element {@code (i0, ..., ik)} is the source element
 * {@code (map[0][i0], ..., map[k][ik])}, or stays as already filled where any map entry is -1.
 * Pad (every mode) and Tile are such index maps. The innermost axis is copied in runs of
 * consecutive source indices through {@link System#arraycopy}.
 */
final class AxisMapCopy {
    private AxisMapCopy() {}

    /** {@code out} must be contiguous with dims {@code map[i].length}; {@code src} any layout. */
    static void copy(Tensor src, int[][] maps, Tensor out) {
        if (out.size() == 0) return;
        Tensor s = src.contiguous();
        int rank = maps.length;
        Object from = s.data(), to = out.data();
        if (rank == 0) {
            System.arraycopy(from, s.offset(), to, 0, 1);
            return;
        }
        int[] st = s.strides();
        int[] inner = maps[rank - 1];
        int innerLen = inner.length;
        int outerCount = out.size() / innerLen;
        int[] idx = new int[rank - 1];
        for (int row = 0; row < outerCount; row++) {
            int base = s.offset();
            boolean skip = false;
            for (int ax = 0; ax < rank - 1; ax++) {
                int m = maps[ax][idx[ax]];
                if (m < 0) { skip = true; break; }
                base += m * st[ax];
            }
            if (!skip) {
                int o = row * innerLen;
                int i = 0;
                while (i < innerLen) {
                    int m = inner[i];
                    if (m < 0) { i++; continue; }
                    int run = 1;
                    while (i + run < innerLen && inner[i + run] == m + run) run++;
                    System.arraycopy(from, base + m, to, o + i, run);
                    i += run;
                }
            }
            for (int ax = rank - 2; ax >= 0; ax--) {
                if (++idx[ax] < maps[ax].length) break;
                idx[ax] = 0;
            }
        }
    }
}
