package dev.weft.bench.builds;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times two builds of weft on the same models in one JVM, alternating them run by run, and prints
 * per model the new build's time over the old one's: the median over paired runs, with its
 * quartiles. On this project's shared two-core machine whole-model times move by 10–50% from one
 * minute to the next, far more than most changes gain; within a pair both builds meet the same load.
 *
 * <pre>
 * weft-bench/scripts/compare-builds.sh [--threads N] [--machine sequential|concurrent] [--pairs N]
 *     [--warmup-seconds S] [--jvms N] OLD_WEFT_JAR NEW_WEFT_JAR MODEL_DIR...
 * </pre>
 *
 * Each jar is a {@code weft-cli/target/weft.jar} (build an older commit in a second worktree). Both
 * builds read {@code weft.threads} from this JVM, so {@code --threads} sets both; each has its own
 * intra-op pool, idle while the other runs. In a pair, each build runs once untimed and once timed,
 * the order alternating from pair to pair.
 *
 * <p>The order within pairs cancels, but not what each JVM's JIT made of each build: passed the same
 * jar twice in a slow spell of the tenth session, the second copy measured 1.028 and 1.032 of the
 * first in one JVM (SqueezeNet, MobileNet-v2), 1.030 and 0.985 in another. {@code --jvms N} runs the
 * comparison in N fresh JVMs, naming the builds in alternate order, and reports each JVM's median
 * ratio and their geometric mean ({@link InJvms}): use it for differences of a few percent.
 */
public final class CompareBuilds {
    private CompareBuilds() {}

    public static void main(String[] args) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors(), pairs = 40, jvms = 1;
        double warmupSeconds = 8;
        String kind = "sequential";
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(value(args, ++i, "--threads"));
                case "--machine" -> kind = value(args, ++i, "--machine");
                case "--pairs" -> pairs = Integer.parseInt(value(args, ++i, "--pairs"));
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(value(args, ++i, "--warmup-seconds"));
                case "--jvms" -> jvms = Integer.parseInt(value(args, ++i, "--jvms"));
                default -> rest.add(args[i]);
            }
        }
        if (rest.size() < 3 || threads < 1 || pairs < 1 || warmupSeconds < 0 || jvms < 1) {
            fail("usage: compare-builds.sh [--threads N>=1] [--machine KIND] [--pairs N>=1] [--warmup-seconds S>=0]"
                    + " [--jvms N>=1] OLD_WEFT_JAR NEW_WEFT_JAR MODEL_DIR...");
        }
        if (jvms > 1) {
            List<String> options = List.of("--threads", Integer.toString(threads), "--machine", kind, "--pairs",
                    Integer.toString(pairs), "--warmup-seconds", Double.toString(warmupSeconds));
            try {
                InJvms.compare(jvms, options, rest.get(0), rest.get(1), rest.subList(2, rest.size()));
            } catch (java.io.IOException e) {
                fail(e.getMessage());
            }
            return;
        }
        // Read by each build's IntraOp when its class loads, which is after this line.
        System.setProperty("weft.threads", Integer.toString(threads));
        ClassLoader[] builds = {loader(rest.get(0)), loader(rest.get(1))};
        System.out.printf("new %s ÷ old %s, %s machine, %d thread(s), %d pairs after %.0f s of warm-up%n",
                rest.get(1), rest.get(0), kind, threads, pairs, warmupSeconds);
        for (String model : rest.subList(2, rest.size())) {
            if (!Files.isRegularFile(Path.of(model, "model.onnx"))) fail("no model.onnx in " + model);
            Runnable[] r = new Runnable[2];
            for (int b = 0; b < 2; b++) r[b] = runner(builds[b], rest.get(b), model, kind);
            long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
            for (int w = 0; System.nanoTime() < end; w++) {
                r[w % 2].run();
                r[(w + 1) % 2].run();
            }
            double[][] ms = new double[2][pairs];
            double[] ratio = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                for (int j = 0; j < 2; j++) {
                    int b = (i + j) % 2;
                    r[b].run();
                    long t0 = System.nanoTime();
                    r[b].run();
                    ms[b][i] = (System.nanoTime() - t0) / 1e6;
                }
                ratio[i] = ms[1][i] / ms[0][i];
            }
            Arrays.sort(ratio);
            for (double[] x : ms) Arrays.sort(x);
            System.out.printf("%-16s old %8.3f ms (min %8.3f)  new %8.3f ms (min %8.3f)  new/old %.3f [%.3f..%.3f]%n",
                    Path.of(model).getFileName(), ms[0][pairs / 2], ms[0][0], ms[1][pairs / 2], ms[1][0],
                    ratio[pairs / 2], ratio[pairs / 4], ratio[3 * pairs / 4]);
            if (InJvms.isChild()) System.out.println(InJvms.line(model, ratio[pairs / 2]));
        }
        System.exit(0); // the builds' intra-op helpers are daemons, but a machine may hold others
    }

    /** A {@link BuildRunner} of the build behind {@code loader}; a model it cannot load ends the run with one line. */
    private static Runnable runner(ClassLoader loader, String jar, String model, String kind) throws Exception {
        try {
            return (Runnable) loader.loadClass(BuildRunner.class.getName())
                    .getConstructor(String.class, String.class).newInstance(model, kind);
        } catch (java.lang.reflect.InvocationTargetException e) {
            fail(model + ": the build in " + jar + " could not load it: " + e.getCause());
            return null;
        }
    }

    /** A loader that sees this module's classes (for {@link BuildRunner}) and one build's jar, nothing else. */
    private static ClassLoader loader(String jar) throws Exception {
        Path p = Path.of(jar);
        if (!Files.isRegularFile(p)) fail("no such weft jar: " + jar);
        URL own = CompareBuilds.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[] {own, p.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) fail(option + " needs a value");
        return args[i];
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
