package dev.weft.tensor.ops.simd;

import dev.weft.tensor.ops.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 binary kernels over whole vectors: array-array, array-scalar and scalar-array. Each
 * returns the length of the prefix it processed (a whole number of vectors); the caller finishes
 * the tail with its scalar loop, and 0 means the op has no vector form here.
 *
 * <p>Implementation note: every op has its own small loop method. A single method holding every
 * loop grows too large for C2 to inline the Vector API calls into, and the vectors then get boxed.
 * This file is generated-looking on purpose: one line per op and layout.
 */
public final class FloatBinary {
    private static final VectorSpecies<Float> S = FloatSimd.S;
    private static final int L = FloatSimd.L;

    private FloatBinary() {}
    private static void addAA(float[] a, int ao, float[] b, int bo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i); x.add(y).intoArray(o, oo + i); }
    }
    private static void subAA(float[] a, int ao, float[] b, int bo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i); x.sub(y).intoArray(o, oo + i); }
    }
    private static void mulAA(float[] a, int ao, float[] b, int bo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i); x.mul(y).intoArray(o, oo + i); }
    }
    private static void divAA(float[] a, int ao, float[] b, int bo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i); x.div(y).intoArray(o, oo + i); }
    }
    private static void maxAA(float[] a, int ao, float[] b, int bo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i); x.max(y).intoArray(o, oo + i); }
    }
    private static void minAA(float[] a, int ao, float[] b, int bo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i); x.min(y).intoArray(o, oo + i); }
    }
    private static void powAA(float[] a, int ao, float[] b, int bo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i); x.lanewise(VectorOperators.POW, y).intoArray(o, oo + i); }
    }
    private static void preluAA(float[] a, int ao, float[] b, int bo, float[] o, int oo, int up) {
        for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i); x.blend(x.mul(y), x.lt(0f)).intoArray(o, oo + i); }
    }
    private static void addAS(float[] a, int ao, float b, float[] o, int oo, int up) {
        FloatVector y = FloatVector.broadcast(S, b); for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i); x.add(y).intoArray(o, oo + i); }
    }
    private static void subAS(float[] a, int ao, float b, float[] o, int oo, int up) {
        FloatVector y = FloatVector.broadcast(S, b); for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i); x.sub(y).intoArray(o, oo + i); }
    }
    private static void mulAS(float[] a, int ao, float b, float[] o, int oo, int up) {
        FloatVector y = FloatVector.broadcast(S, b); for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i); x.mul(y).intoArray(o, oo + i); }
    }
    private static void divAS(float[] a, int ao, float b, float[] o, int oo, int up) {
        FloatVector y = FloatVector.broadcast(S, b); for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i); x.div(y).intoArray(o, oo + i); }
    }
    private static void maxAS(float[] a, int ao, float b, float[] o, int oo, int up) {
        FloatVector y = FloatVector.broadcast(S, b); for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i); x.max(y).intoArray(o, oo + i); }
    }
    private static void minAS(float[] a, int ao, float b, float[] o, int oo, int up) {
        FloatVector y = FloatVector.broadcast(S, b); for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i); x.min(y).intoArray(o, oo + i); }
    }
    private static void powAS(float[] a, int ao, float b, float[] o, int oo, int up) {
        FloatVector y = FloatVector.broadcast(S, b); for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i); x.lanewise(VectorOperators.POW, y).intoArray(o, oo + i); }
    }
    private static void preluAS(float[] a, int ao, float b, float[] o, int oo, int up) {
        FloatVector y = FloatVector.broadcast(S, b); for (int i = 0; i < up; i += L) { FloatVector x = FloatVector.fromArray(S, a, ao + i); x.blend(x.mul(y), x.lt(0f)).intoArray(o, oo + i); }
    }
    private static void addSA(float a, float[] b, int bo, float[] o, int oo, int up) {
        FloatVector x = FloatVector.broadcast(S, a); for (int i = 0; i < up; i += L) { FloatVector y = FloatVector.fromArray(S, b, bo + i); x.add(y).intoArray(o, oo + i); }
    }
    private static void subSA(float a, float[] b, int bo, float[] o, int oo, int up) {
        FloatVector x = FloatVector.broadcast(S, a); for (int i = 0; i < up; i += L) { FloatVector y = FloatVector.fromArray(S, b, bo + i); x.sub(y).intoArray(o, oo + i); }
    }
    private static void mulSA(float a, float[] b, int bo, float[] o, int oo, int up) {
        FloatVector x = FloatVector.broadcast(S, a); for (int i = 0; i < up; i += L) { FloatVector y = FloatVector.fromArray(S, b, bo + i); x.mul(y).intoArray(o, oo + i); }
    }
    private static void divSA(float a, float[] b, int bo, float[] o, int oo, int up) {
        FloatVector x = FloatVector.broadcast(S, a); for (int i = 0; i < up; i += L) { FloatVector y = FloatVector.fromArray(S, b, bo + i); x.div(y).intoArray(o, oo + i); }
    }
    private static void maxSA(float a, float[] b, int bo, float[] o, int oo, int up) {
        FloatVector x = FloatVector.broadcast(S, a); for (int i = 0; i < up; i += L) { FloatVector y = FloatVector.fromArray(S, b, bo + i); x.max(y).intoArray(o, oo + i); }
    }
    private static void minSA(float a, float[] b, int bo, float[] o, int oo, int up) {
        FloatVector x = FloatVector.broadcast(S, a); for (int i = 0; i < up; i += L) { FloatVector y = FloatVector.fromArray(S, b, bo + i); x.min(y).intoArray(o, oo + i); }
    }
    private static void powSA(float a, float[] b, int bo, float[] o, int oo, int up) {
        FloatVector x = FloatVector.broadcast(S, a); for (int i = 0; i < up; i += L) { FloatVector y = FloatVector.fromArray(S, b, bo + i); x.lanewise(VectorOperators.POW, y).intoArray(o, oo + i); }
    }
    private static void preluSA(float a, float[] b, int bo, float[] o, int oo, int up) {
        FloatVector x = FloatVector.broadcast(S, a); for (int i = 0; i < up; i += L) { FloatVector y = FloatVector.fromArray(S, b, bo + i); x.blend(x.mul(y), x.lt(0f)).intoArray(o, oo + i); }
    }
    /** {@code o[oo+i] = a[ao+i] op b[bo+i]}. */
    public static int binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        switch (op) {
            case ADD -> addAA(a, ao, b, bo, o, oo, up);
            case SUB -> subAA(a, ao, b, bo, o, oo, up);
            case MUL -> mulAA(a, ao, b, bo, o, oo, up);
            case DIV -> divAA(a, ao, b, bo, o, oo, up);
            case MAX -> maxAA(a, ao, b, bo, o, oo, up);
            case MIN -> minAA(a, ao, b, bo, o, oo, up);
            case POW -> powAA(a, ao, b, bo, o, oo, up);
            case PRELU -> preluAA(a, ao, b, bo, o, oo, up);
            default -> { return 0; }
        }
        return up;
    }

    /** {@code o[oo+i] = a[ao+i] op b} for one scalar b. */
    public static int binaryScalarRight(BinaryOp op, float[] a, int ao, float b, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        switch (op) {
            case ADD -> addAS(a, ao, b, o, oo, up);
            case SUB -> subAS(a, ao, b, o, oo, up);
            case MUL -> mulAS(a, ao, b, o, oo, up);
            case DIV -> divAS(a, ao, b, o, oo, up);
            case MAX -> maxAS(a, ao, b, o, oo, up);
            case MIN -> minAS(a, ao, b, o, oo, up);
            case POW -> { if (b == 2f) mulAA(a, ao, a, ao, o, oo, up); else powAS(a, ao, b, o, oo, up); }
            case PRELU -> preluAS(a, ao, b, o, oo, up);
            default -> { return 0; }
        }
        return up;
    }

    /** {@code o[oo+i] = a op b[bo+i]} for one scalar a. */
    public static int binaryScalarLeft(BinaryOp op, float a, float[] b, int bo, float[] o, int oo, int len) {
        int up = S.loopBound(len);
        switch (op) {
            case ADD -> addSA(a, b, bo, o, oo, up);
            case SUB -> subSA(a, b, bo, o, oo, up);
            case MUL -> mulSA(a, b, bo, o, oo, up);
            case DIV -> divSA(a, b, bo, o, oo, up);
            case MAX -> maxSA(a, b, bo, o, oo, up);
            case MIN -> minSA(a, b, bo, o, oo, up);
            case POW -> powSA(a, b, bo, o, oo, up);
            case PRELU -> preluSA(a, b, bo, o, oo, up);
            default -> { return 0; }
        }
        return up;
    }
}
