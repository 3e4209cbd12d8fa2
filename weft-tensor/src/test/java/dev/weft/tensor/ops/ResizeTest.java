package dev.weft.tensor.ops;

import static dev.weft.tensor.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.tensor.DType;
import dev.weft.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resize against the ONNX backend tests' own inputs and expected outputs (attributes from their definitions). */
class ResizeTest {
    private static final Path NODE = Path.of(System.getProperty("weft.root", "."), "..", "shared", "onnx", "node");

    @ParameterizedTest
    @CsvSource({
        "test_resize_upsample_scales_linear, LINEAR, half_pixel, round_prefer_floor, -0.75, false",
        "test_resize_upsample_scales_linear_align_corners, LINEAR, align_corners, round_prefer_floor, -0.75, false",
        "test_resize_upsample_scales_linear_half_pixel_symmetric, LINEAR, half_pixel_symmetric, round_prefer_floor, -0.75, false",
        "test_resize_downsample_scales_linear, LINEAR, half_pixel, round_prefer_floor, -0.75, false",
        "test_resize_downsample_scales_linear_align_corners, LINEAR, align_corners, round_prefer_floor, -0.75, false",
        "test_resize_downsample_scales_linear_half_pixel_symmetric, LINEAR, half_pixel_symmetric, round_prefer_floor, -0.75, false",
        "test_resize_downsample_sizes_linear_pytorch_half_pixel, LINEAR, pytorch_half_pixel, round_prefer_floor, -0.75, false",
        "test_resize_upsample_scales_nearest, NEAREST, half_pixel, round_prefer_floor, -0.75, false",
        "test_resize_downsample_scales_nearest, NEAREST, half_pixel, round_prefer_floor, -0.75, false",
        "test_resize_upsample_sizes_nearest, NEAREST, half_pixel, round_prefer_floor, -0.75, false",
        "test_resize_downsample_sizes_nearest, NEAREST, half_pixel, round_prefer_floor, -0.75, false",
        "test_resize_upsample_sizes_nearest_ceil_half_pixel, NEAREST, half_pixel, ceil, -0.75, false",
        "test_resize_upsample_sizes_nearest_floor_align_corners, NEAREST, align_corners, floor, -0.75, false",
        "test_resize_upsample_sizes_nearest_round_prefer_ceil_asymmetric, NEAREST, asymmetric, round_prefer_ceil, -0.75, false",
        "test_resize_upsample_scales_cubic, CUBIC, half_pixel, round_prefer_floor, -0.75, false",
        "test_resize_upsample_scales_cubic_A_n0p5_exclude_outside, CUBIC, half_pixel, round_prefer_floor, -0.5, true",
        "test_resize_upsample_scales_cubic_align_corners, CUBIC, align_corners, round_prefer_floor, -0.75, false",
        "test_resize_upsample_scales_cubic_asymmetric, CUBIC, asymmetric, round_prefer_floor, -0.75, false",
        "test_resize_downsample_scales_cubic, CUBIC, half_pixel, round_prefer_floor, -0.75, false",
        "test_resize_downsample_scales_cubic_A_n0p5_exclude_outside, CUBIC, half_pixel, round_prefer_floor, -0.5, true",
        "test_resize_downsample_scales_cubic_align_corners, CUBIC, align_corners, round_prefer_floor, -0.75, false",
        "test_resize_upsample_sizes_cubic, CUBIC, half_pixel, round_prefer_floor, -0.75, false",
        "test_resize_downsample_sizes_cubic, CUBIC, half_pixel, round_prefer_floor, -0.75, false",
        "test_resize_tf_crop_and_resize, LINEAR, tf_crop_and_resize, round_prefer_floor, -0.75, false",
    })
    void matchesOnnxBackendTest(String test, Resize.Mode mode, String coord, String nearest, double a, boolean exclude) throws Exception {
        Path dir = NODE.resolve(test).resolve("test_data_set_0");
        assumeTrue(Files.isDirectory(dir), "ONNX backend tests not present at " + dir);
        List<Tensor> in = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve("input_" + i + ".pb")); i++) in.add(TensorProtoReader.read(dir.resolve("input_" + i + ".pb")));
        Tensor expected = TensorProtoReader.read(dir.resolve("output_0.pb"));
        Tensor x = in.get(0);
        Resize.Options o = Resize.Options.defaults(mode).withCoordinateMode(coord).withNearestMode(nearest).withCubic(a, exclude);
        Tensor got;
        if (in.size() == 3) {
            o = o.withCrop(in.get(1).toDoubleArray(), 0);
            got = Resize.bySizes(x, in.get(2).toLongArray(), o);
        } else if (in.get(1).dtype() == DType.INT64) {
            got = Resize.bySizes(x, in.get(1).toLongArray(), o);
        } else {
            got = Resize.byScales(x, in.get(1).toDoubleArray(), o);
        }
        assertEquals(expected.shape(), got.shape(), test);
        assertClose(test, expected, got, 1e-4, 1e-5);
    }
}
