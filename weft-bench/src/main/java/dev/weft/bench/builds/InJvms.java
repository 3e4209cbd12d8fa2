package dev.weft.bench.builds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link CompareBuilds} over several fresh JVMs. Within one JVM the pairs cancel the machine's load,
 * but each build's compiled code is as good as that JVM's JIT made it, and the difference between
 * two compilations of the same code reached 3% here. So the comparison runs once per JVM, the builds
 * named in alternate order (old first in even JVMs, new first in odd ones), and the per-JVM medians
 * of new ÷ old are combined by their geometric mean. Child JVMs inherit this JVM's options and class
 * path; their usual output is passed through, indented.
 */
final class InJvms {
    /** Marks the machine-readable line a child prints per model. */
    private static final String TAG = "new-over-old\t";
    /** Set in the child JVMs {@link #compare} starts. */
    private static final String CHILD = "weft.compareBuilds.child";

    private InJvms() {}

    /** Whether this JVM is one of {@link #compare}'s children (which print {@link #line}s). */
    static boolean isChild() {
        return Boolean.getBoolean(CHILD);
    }

    /** The line {@link CompareBuilds} prints after each model's result, read back by {@link #compare}. */
    static String line(String model, double ratio) {
        return TAG + model + "\t" + ratio;
    }

    static void compare(int jvms, List<String> options, String oldJar, String newJar, List<String> models)
            throws IOException, InterruptedException {
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (String m : models) ratios.put(m, new ArrayList<>());
        for (int j = 0; j < jvms; j++) {
            boolean swapped = j % 2 == 1;
            System.out.printf("JVM %d of %d: %s named first%n", j + 1, jvms, swapped ? "new" : "old");
            List<String> cmd = new ArrayList<>();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            cmd.add(ProcessHandle.current().info().command().orElse(java));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("-D" + CHILD + "=true");
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CompareBuilds.class.getName()));
            cmd.addAll(options);
            cmd.add(swapped ? newJar : oldJar);
            cmd.add(swapped ? oldJar : newJar);
            cmd.addAll(models);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) {
                    if (l.startsWith(TAG)) {
                        String[] f = l.split("\t");
                        double r = Double.parseDouble(f[2]);
                        ratios.get(f[1]).add(swapped ? 1 / r : r);
                    } else if (!l.startsWith("WARNING: Using incubator modules")) {
                        System.out.println("  " + l);
                    }
                }
            }
            int rc = p.waitFor();
            if (rc != 0) throw new IOException("JVM " + (j + 1) + " of the comparison exited with status " + rc);
        }
        System.out.printf("new %s ÷ old %s over %d JVMs (geometric mean of each JVM's median; each JVM's in brackets)%n",
                newJar, oldJar, jvms);
        for (var e : ratios.entrySet()) {
            List<Double> r = e.getValue();
            double logSum = 0;
            StringBuilder each = new StringBuilder();
            for (double x : r) {
                logSum += Math.log(x);
                each.append(each.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.3f", x));
            }
            System.out.printf(Locale.ROOT, "%-16s new/old %.3f [%s]%n", Path.of(e.getKey()).getFileName(),
                    Math.exp(logSum / r.size()), each);
        }
    }
}
