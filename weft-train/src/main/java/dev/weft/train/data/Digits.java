package dev.weft.train.data;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The 8×8 handwritten digits (UCI Optical Recognition of Handwritten Digits, as shipped by
 * scikit-learn, BSD-3; see DIGITS-NOTICE.txt beside the bundled copy): 1,797 rows of 64 pixel
 * values 0..16 and a label 0..9. Pixels are scaled to 0..1.
 */
public final class Digits {
    private Digits() {}

    /** Pixels per image. */
    public static final int PIXELS = 64;

    /** The copy bundled with weft. */
    public static Dataset bundled() {
        try (InputStream in = Digits.class.getResourceAsStream("digits.csv.gz")) {
            if (in == null) throw new IllegalStateException("the bundled digits data is missing from the jar");
            return parse(new GZIPInputStream(in), "bundled digits.csv.gz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a digits CSV, gzipped when its name ends in .gz. */
    public static Dataset load(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            return parse(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, file.toString());
        }
    }

    private static Dataset parse(InputStream in, String source) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Long> labels = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            String[] cells = line.split(",");
            if (cells.length != PIXELS + 1) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": expected " + (PIXELS + 1)
                        + " values (64 pixels and a label), found " + cells.length);
            }
            float[] px = new float[PIXELS];
            try {
                for (int i = 0; i < PIXELS; i++) px[i] = Float.parseFloat(cells[i].strip()) / 16f;
                long label = Long.parseLong(cells[PIXELS].strip());
                if (label < 0 || label > 9) throw new IllegalArgumentException("label " + label + " is not a digit");
                labels.add(label);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": " + e.getMessage());
            }
            rows.add(px);
        }
        float[] x = new float[rows.size() * PIXELS];
        long[] y = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * PIXELS, PIXELS);
            y[i] = labels.get(i);
        }
        return new Dataset(Tensor.wrap(DType.FLOAT32, Shape.of(rows.size(), PIXELS), x), Tensor.of(y, rows.size()), 10);
    }
}
