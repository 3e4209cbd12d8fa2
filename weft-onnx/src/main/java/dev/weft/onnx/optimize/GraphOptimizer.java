package dev.weft.onnx.optimize;

import dev.weft.onnx.load.Compiler;
import dev.weft.onnx.load.Program;

/**
 * Runs the optimization passes over a compiled program, in an order where each enables the next:
 * constants are folded first (so shapes computed from constants become constants), pass-through
 * nodes go, the last dimension of a product with constant weights becomes a constant (and what is
 * computed from it is folded), BatchNormalization and a per-channel constant Add fold into Conv, layer normalizations and GELUs
 * written out in elementary nodes become one node each, the Transposes and scalar scales around a
 * MatMul of two computed operands become views of it (and a Transpose that keeps the memory order
 * becomes a reshape), constant weights are packed, what remains of Conv/Gemm/MatMul absorbs
 * its activation (GELU included) and residual Add, and convolutions that feed a channel Concat
 * write straight into its result.
 *
 * <p>Set the system property {@code weft.optimize=false} to run models exactly as written.
 */
public final class GraphOptimizer {
    private GraphOptimizer() {}

    /** How many nodes each pass changed. */
    public record Report(int folded, int aliases, int convFolds, int patterns, int views, int prepacked, int fused,
                         int concats) {
        @Override
        public String toString() {
            return folded + " folded, " + aliases + " pass-through removed, " + convFolds + " BatchNorm or bias Add folded into Conv, "
                    + patterns + " LayerNorm/Gelu patterns fused, " + views + " MatMuls and Transposes as views, "
                    + prepacked + " prepacked, " + fused + " fused, " + concats + " Concats written in place";
        }
    }

    /** A program and what optimizing it did. */
    public record Result(Program program, Report report) {}

    /** True unless {@code -Dweft.optimize=false}. */
    public static boolean enabled() { return !"false".equals(System.getProperty("weft.optimize")); }

    public static Result optimize(Program p, Compiler compiler) {
        int[] folded = {0}, aliases = {0}, bns = {0}, patterns = {0}, views = {0}, packed = {0}, fused = {0}, concats = {0};
        p = ConstantFolding.apply(p, folded);
        p = AliasRemoval.apply(p, Usage.of(p, compiler), aliases);
        int[] shapes = {0};
        p = ShapeFolding.apply(p, Usage.of(p, compiler), shapes);
        if (shapes[0] > 0) p = ConstantFolding.apply(p, folded);
        folded[0] += shapes[0];
        p = BatchNormFolding.apply(p, Usage.of(p, compiler), bns);
        p = ConvBiasFolding.apply(p, Usage.of(p, compiler), bns);
        p = PatternFusion.apply(p, Usage.of(p, compiler), patterns);
        p = MatMulViews.apply(p, Usage.of(p, compiler), views);
        p = TransposeKernel.apply(p, views);
        p = Prepacking.apply(p, packed);
        p = Fusion.apply(p, Usage.of(p, compiler), fused);
        p = ConcatFusion.apply(p, Usage.of(p, compiler), concats);
        return new Result(p, new Report(folded[0], aliases[0], bns[0], patterns[0], views[0], packed[0], fused[0], concats[0]));
    }
}
