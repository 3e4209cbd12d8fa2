/**
 * Whole-model benchmarking behind {@code weft bench}: a harness that runs several
 * {@link dev.weft.cli.bench.ModelRunner}s on one model in alternation (so drift in this machine's
 * load hits them alike) and reports medians and minima. Peers such as ONNX Runtime plug in
 * through {@link dev.weft.cli.bench.PeerProvider} (a {@link java.util.ServiceLoader} service), so
 * the engine never depends on them.
 */
package dev.weft.cli.bench;
