package dev.weft.onnx.io;

import dev.weft.onnx.OnnxFormatException;
import dev.weft.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives: a zip of {@code NAME.npy} entries. Entries are read with a cap of
 * the JVM's maximum heap, so a zip bomb fails with a message instead of an OutOfMemoryError.
 */
public final class Npz {
    private Npz() {}

    /** The arrays in an {@code .npz} file, by entry name without {@code .npy}, in file order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        long cap = Runtime.getRuntime().maxMemory() / 2;
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) continue;
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                byte[] bytes = readCapped(zip, cap, file + ":" + e.getName());
                out.put(name, Npy.decode(bytes, file + ":" + e.getName()));
            }
        } catch (java.util.zip.ZipException ex) {
            throw new OnnxFormatException(file + ": not a valid .npz archive (" + ex.getMessage() + ")", ex);
        }
        if (out.isEmpty()) throw new OnnxFormatException(file + ": the .npz archive holds no arrays");
        return out;
    }

    private static byte[] readCapped(InputStream in, long cap, String where) throws IOException {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > cap) throw new OnnxFormatException(where + ": entry is larger than " + cap + " bytes");
            bos.write(buf, 0, n);
        }
        return bos.toByteArray();
    }

    /** Writes arrays to an {@code .npz} file (stored uncompressed-deflated, like {@code numpy.savez_compressed}). */
    public static void write(Path file, Map<String, Tensor> arrays) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
            for (var e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(Npy.encode(e.getValue()));
                zip.closeEntry();
            }
        }
    }
}
