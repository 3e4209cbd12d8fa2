package dev.weft.train.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Draws training and held-out loss per epoch as a standalone SVG line chart. */
public final class LossCurve {
    private LossCurve() {}

    private static final int W = 640, H = 400, LEFT = 60, RIGHT = 20, TOP = 40, BOTTOM = 50;

    /** Writes the chart of {@code epochs} to {@code file}. */
    public static void writeSvg(Path file, String title, List<EpochStats> epochs) throws IOException {
        Files.writeString(file, svg(title, epochs), StandardCharsets.UTF_8);
    }

    /** The chart as SVG text. */
    public static String svg(String title, List<EpochStats> epochs) {
        double max = 0;
        for (EpochStats e : epochs) max = Math.max(max, Math.max(e.trainLoss(), e.testLoss()));
        if (max <= 0) max = 1;
        int n = Math.max(epochs.size(), 2);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        int plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", LEFT, TOP, plotW, plotH));
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            double y = TOP + plotH - plotH * t / 4.0;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", LEFT, y, LEFT + plotW, y, LEFT - 6, y + 4, v));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">epoch</text>%n", LEFT + plotW / 2, H - 12));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">1</text><text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                LEFT, TOP + plotH + 16, LEFT + plotW, TOP + plotH + 16, epochs.size()));
        line(sb, epochs, EpochStats::trainLoss, max, n, "#1f77b4");
        line(sb, epochs, EpochStats::testLoss, max, n, "#d62728");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#1f77b4\">training loss</text>"
                + "<text x=\"%d\" y=\"%d\" fill=\"#d62728\">held-out loss</text>%n", W - 220, TOP + 18, W - 220, TOP + 34));
        return sb.append("</svg>\n").toString();
    }

    private static void line(StringBuilder sb, List<EpochStats> epochs, ToDoubleFunction<EpochStats> f, double max, int n, String colour) {
        int plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        sb.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"");
        for (int i = 0; i < epochs.size(); i++) {
            double x = LEFT + plotW * (double) i / (n - 1);
            double y = TOP + plotH - plotH * f.applyAsDouble(epochs.get(i)) / max;
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        sb.append("\"/>\n");
    }

    private static String escape(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }
}
