/**
 * The ONNX backend-test runner: finds test folders ({@code model.onnx} plus
 * {@code test_data_set_N/{input,output}_K.pb}), runs each on a chosen executor with a per-test
 * timeout, compares outputs with the ONNX runner's tolerances, and reports pass/fail/skip per test
 * and per op.
 */
package dev.weft.onnx.conformance;
