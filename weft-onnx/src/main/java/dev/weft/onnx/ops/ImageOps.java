package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * ImageDecoder (opset 20) through the JDK's image readers (PNG, BMP, JPEG, TIFF, GIF); other
 * formats are refused as unsupported. Output is uint8 [H, W, 3] in RGB or BGR order, or [H, W, 1]
 * grayscale using the ITU-R 601 luma weights.
 */
final class ImageOps {
    private ImageOps() {}

    static void register(OpRegistry r) {
        r.add("ImageDecoder", 20, c -> {
            String format = c.attrString("pixel_format", "RGB");
            return c.op(Kernel.single(in -> decode(in.get(0), format, c)), DTypeRule.fixed(DType.UINT8));
        });
    }

    /** Binary PNM (P5 gray, P6 RGB, 8-bit), which the JDK has no reader for. */
    private static BufferedImage pnm(byte[] b) {
        int[] pos = {2};
        int w = pnmInt(b, pos), h = pnmInt(b, pos), max = pnmInt(b, pos);
        pos[0]++; // the single whitespace after maxval
        boolean rgb = b[1] == '6';
        if (max > 255 || (long) w * h * (rgb ? 3 : 1) > b.length - pos[0]) {
            throw new IllegalArgumentException("truncated or 16-bit PNM");
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r, g, bl;
                if (rgb) {
                    r = b[pos[0]++] & 0xFF;
                    g = b[pos[0]++] & 0xFF;
                    bl = b[pos[0]++] & 0xFF;
                } else {
                    r = g = bl = b[pos[0]++] & 0xFF;
                }
                img.setRGB(x, y, (r << 16) | (g << 8) | bl);
            }
        }
        return img;
    }

    private static int pnmInt(byte[] b, int[] pos) {
        while (pos[0] < b.length && (Character.isWhitespace(b[pos[0]]) || b[pos[0]] == '#')) {
            if (b[pos[0]] == '#') while (pos[0] < b.length && b[pos[0]] != '\n') pos[0]++;
            else pos[0]++;
        }
        int v = 0;
        while (pos[0] < b.length && Character.isDigit(b[pos[0]])) v = v * 10 + (b[pos[0]++] - '0');
        return v;
    }

    static Tensor decode(Tensor encoded, String format, OpContext c) {
        byte[] bytes = new byte[encoded.size()];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) encoded.getLong(i);
        BufferedImage img;
        try {
            img = bytes.length > 2 && bytes[0] == 'P' && (bytes[1] == '6' || bytes[1] == '5') ? pnm(bytes)
                    : ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("ImageDecoder: cannot decode the image: " + e.getMessage());
        }
        if (img == null) throw c.unsupported("no JDK image reader for this image format");
        int h = img.getHeight(), w = img.getWidth();
        boolean gray = format.equals("Grayscale");
        Tensor out = Tensor.zeros(DType.UINT8, Shape.of(h, w, gray ? 1 : 3));
        byte[] o = out.byteData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int rr = (rgb >> 16) & 0xFF, gg = (rgb >> 8) & 0xFF, bb = rgb & 0xFF;
                int at = (y * w + x) * (gray ? 1 : 3);
                if (gray) {
                    o[at] = (byte) ((rr * 19595 + gg * 38470 + bb * 7471 + 0x8000) >> 16);
                } else if (format.equals("BGR")) {
                    o[at] = (byte) bb;
                    o[at + 1] = (byte) gg;
                    o[at + 2] = (byte) rr;
                } else {
                    o[at] = (byte) rr;
                    o[at + 1] = (byte) gg;
                    o[at + 2] = (byte) bb;
                }
            }
        }
        return out;
    }
}
