package dev.weft.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The transposed convolution against a float64 scatter, on both kernel paths and with chunked output channels. */
class TransposedConvTest {
    private final Random rnd = new Random(3);

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() * 2 - 1;
        return a;
    }

    /** Every input element times every tap, added where it lands: the definition, in float64. */
    private static double[] reference(TransposedConv.Geometry g, float[] x, float[] w, float[] b) {
        int r = g.in().length, cig = g.inChannels() / g.group(), cog = g.outChannels() / g.group();
        int inSize = g.inSize(), outSize = g.outSize(), taps = g.taps();
        double[] y = new double[g.batch() * g.outChannels() * outSize];
        for (int n = 0; n < g.batch(); n++) {
            for (int c = 0; c < g.outChannels(); c++) {
                for (int o = 0; o < outSize; o++) y[(n * g.outChannels() + c) * outSize + o] = b == null ? 0 : b[c];
            }
        }
        int[] i = new int[r], t = new int[r];
        for (int n = 0; n < g.batch(); n++) {
            for (int ci = 0; ci < g.inChannels(); ci++) {
                int grp = ci / cig;
                for (int ip = 0; ip < inSize; ip++) {
                    unflatten(ip, g.in(), i);
                    for (int tp = 0; tp < taps; tp++) {
                        unflatten(tp, g.kernel(), t);
                        int off = 0;
                        boolean inside = true;
                        for (int q = 0; q < r; q++) {
                            int o = i[q] * g.strides()[q] - g.padsBegin()[q] + t[q] * g.dilations()[q];
                            if (o < 0 || o >= g.out()[q]) inside = false;
                            off = off * g.out()[q] + o;
                        }
                        if (!inside) continue;
                        for (int co = 0; co < cog; co++) {
                            y[(n * g.outChannels() + grp * cog + co) * outSize + off] +=
                                    (double) x[(n * g.inChannels() + ci) * inSize + ip] * w[(ci * cog + co) * taps + tp];
                        }
                    }
                }
            }
        }
        return y;
    }

    private static void unflatten(int flat, int[] dims, int[] idx) {
        for (int q = dims.length - 1; q >= 0; q--) {
            idx[q] = flat % dims[q];
            flat /= dims[q];
        }
    }

    private void check(TransposedConv.Geometry g, boolean withBias, int colsBudget) {
        int cog = g.outChannels() / g.group();
        float[] x = random(g.batch() * g.inChannels() * g.inSize()), w = random(g.inChannels() * cog * g.taps());
        float[] b = withBias ? random(g.outChannels()) : null;
        double[] expected = reference(g, x, w, b);
        for (boolean vector : new boolean[] {true, false}) {
            float[] y = new float[expected.length];
            java.util.Arrays.fill(y, Float.NaN);
            KernelPaths.with(vector, () -> {
                TransposedConv.run(g, x, w, b, y, colsBudget);
                return null;
            });
            for (int k = 0; k < y.length; k++) {
                assertEquals(expected[k], y[k], 1e-4 * (1 + Math.abs(expected[k])) * Math.sqrt(g.inChannels() * g.taps()),
                        g + (vector ? " vector" : " scalar") + " budget " + colsBudget + " at " + k);
            }
        }
    }

    private static TransposedConv.Geometry geometry(int batch, int cin, int cout, int group, int[] in, int[] k, int[] s,
                                                    int[] p, int[] d, int[] outPad) {
        int r = in.length;
        int[] out = new int[r];
        for (int q = 0; q < r; q++) out[q] = s[q] * (in[q] - 1) + outPad[q] + (k[q] - 1) * d[q] + 1 - 2 * p[q];
        return new TransposedConv.Geometry(batch, cin, cout, group, in, k, s, p, d, out);
    }

    @Test
    void matchesTheDefinition() {
        for (boolean bias : new boolean[] {true, false}) {
            check(geometry(1, 4, 6, 1, new int[] {5, 7}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}), bias, 1 << 22);
            check(geometry(2, 6, 4, 2, new int[] {6, 5}, new int[] {4, 4}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 0}), bias, 1 << 22);
            check(geometry(1, 3, 5, 1, new int[] {9}, new int[] {5}, new int[] {3}, new int[] {0}, new int[] {2}, new int[] {2}), bias, 1 << 22);
            check(geometry(1, 2, 4, 1, new int[] {3, 4, 3}, new int[] {2, 3, 2}, new int[] {2, 1, 2}, new int[] {0, 1, 1}, new int[] {1, 1, 2}, new int[] {1, 0, 0}), bias, 1 << 22);
            check(geometry(1, 40, 3, 1, new int[] {16, 16}, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, new int[] {0, 0}), bias, 1 << 22);
        }
    }

    @Test
    void chunksOfOutputChannelsGiveTheSameResult() {
        // A budget of one channel's columns forces a GEMM and a scatter per output channel.
        TransposedConv.Geometry g = geometry(1, 8, 12, 2, new int[] {7, 6}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1});
        check(g, true, g.taps() * g.inSize());
        check(g, true, 5 * g.taps() * g.inSize());
    }

    @Test
    void outputsOutsideTheNaturalSizeAreZeroOrBias() {
        // Negative leading pads and an output larger than the natural one (ONNX output_shape).
        TransposedConv.Geometry g = new TransposedConv.Geometry(1, 3, 2, 1, new int[] {4, 4}, new int[] {3, 3}, new int[] {2, 2},
                new int[] {-1, 0}, new int[] {1, 1}, new int[] {12, 11});
        check(g, true, 1 << 22);
        check(g, false, 1 << 22);
    }

    @Test
    void refusesInconsistentShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TransposedConv.Geometry(1, 3, 4, 2,
                new int[] {4}, new int[] {3}, new int[] {1}, new int[] {0}, new int[] {1}, new int[] {6}));
        assertTrue(e.getMessage().contains("groups"), e.getMessage());
        TransposedConv.Geometry g = geometry(1, 2, 2, 1, new int[] {4}, new int[] {3}, new int[] {1}, new int[] {0}, new int[] {1}, new int[] {0});
        e = assertThrows(IllegalArgumentException.class, () -> TransposedConv.run(g, new float[8], new float[5], null, new float[12]));
        assertTrue(e.getMessage().contains("weights"), e.getMessage());
    }
}
