package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** NonMaxSuppression: greedy per batch and class, boxes as corners or centres. */
final class DetectionOps {
    private DetectionOps() {}

    static void register(OpRegistry r) {
        r.add("NonMaxSuppression", 10, c -> {
            boolean center = c.attrInt("center_point_box", 0) != 0;
            return c.op(Kernel.single(in -> nms(in.get(0), in.get(1), opt(in, 2), opt(in, 3), opt(in, 4), center)),
                    DTypeRule.fixed(DType.INT64));
        });
    }

    private static Tensor opt(List<Tensor> in, int i) { return in.size() > i ? in.get(i) : null; }

    static Tensor nms(Tensor boxes, Tensor scores, Tensor maxT, Tensor iouT, Tensor scoreT, boolean center) {
        long max = maxT == null || maxT.size() == 0 ? 0 : maxT.getLong(0);
        double iouTh = iouT == null || iouT.size() == 0 ? 0 : iouT.getDouble(0);
        Double scoreTh = scoreT == null || scoreT.size() == 0 ? null : scoreT.getDouble(0);
        int batches = boxes.shape().dim(0), n = boxes.shape().dim(1), classes = scores.shape().dim(1);
        List<long[]> selected = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            double[][] box = new double[n][4];
            for (int i = 0; i < n; i++) {
                double[] v = new double[4];
                for (int k = 0; k < 4; k++) v[k] = boxes.getDouble((b * n + i) * 4 + k);
                if (center) {
                    box[i] = new double[] {v[1] - v[3] / 2, v[0] - v[2] / 2, v[1] + v[3] / 2, v[0] + v[2] / 2};
                } else {
                    box[i] = new double[] {Math.min(v[0], v[2]), Math.min(v[1], v[3]), Math.max(v[0], v[2]), Math.max(v[1], v[3])};
                }
            }
            for (int cl = 0; cl < classes; cl++) {
                final int bb = b, cc = cl;
                List<Integer> cand = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    double s = scores.getDouble((bb * classes + cc) * n + i);
                    if (scoreTh == null || s > scoreTh) cand.add(i);
                }
                cand.sort((p, q) -> {
                    int cmp = Double.compare(scores.getDouble((bb * classes + cc) * n + q), scores.getDouble((bb * classes + cc) * n + p));
                    return cmp != 0 ? cmp : Integer.compare(p, q);
                });
                List<Integer> keep = new ArrayList<>();
                for (int i : cand) {
                    if (keep.size() >= max) break;
                    boolean ok = true;
                    for (int j : keep) if (iou(box[i], box[j]) > iouTh) { ok = false; break; }
                    if (ok) keep.add(i);
                }
                for (int i : keep) selected.add(new long[] {b, cl, i});
            }
        }
        Tensor out = Tensor.zeros(DType.INT64, Shape.of(selected.size(), 3));
        for (int i = 0; i < selected.size(); i++) System.arraycopy(selected.get(i), 0, out.longData(), i * 3, 3);
        return out;
    }

    private static double iou(double[] a, double[] b) {
        double ih = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double iw = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (ih <= 0 || iw <= 0) return 0;
        double inter = ih * iw;
        double ua = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return ua <= 0 ? 0 : inter / ua;
    }
}
