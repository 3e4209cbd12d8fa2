package dev.weft.graph.ops;

import dev.weft.graph.TensorType;

/** NumPy broadcasting over types whose dimensions may be unknown (-1). */
public final class Broadcast {
    private Broadcast() {}

    /** The broadcast dimensions of two types, null when either rank is unknown. */
    public static int[] dims(TensorType a, TensorType b) {
        if (!a.hasRank() || !b.hasRank()) return null;
        int[] da = a.dims(), db = b.dims();
        int rank = Math.max(da.length, db.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int x = i < rank - da.length ? 1 : da[i - (rank - da.length)];
            int y = i < rank - db.length ? 1 : db[i - (rank - db.length)];
            if (x == 1) out[i] = y;
            else if (y == 1) out[i] = x;
            else if (x == -1 || y == -1) out[i] = Math.max(x, y) == -1 ? -1 : Math.max(x, y);
            else if (x == y) out[i] = x;
            else {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast: dimension "
                        + i + " is " + x + " against " + y);
            }
        }
        return out;
    }
}
