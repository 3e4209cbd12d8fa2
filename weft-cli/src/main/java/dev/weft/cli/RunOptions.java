package dev.weft.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code weft run} was asked to do, however its command line was read: by picocli (through
 * {@link RunCommand}'s annotated fields) or by {@link #parse}, the launch path's own reader.
 *
 * <p>Why a second reader: picocli takes 170–270 ms to start in a fresh JVM (its classes are Java 5
 * bytecode, which class data sharing cannot archive, and its model is built by reflection), a
 * third of {@code weft run}'s cold start. {@link #parse} reads only the plain forms of
 * {@code run}'s options and gives up on anything else (help, version, an unknown option, a value
 * that is not a number), which picocli then reads and answers as it does for every command.
 * {@code RunOptionsTest} checks that both readers know the same options and read them alike.
 *
 * @param model     the model file, or null
 * @param example   a bundled example's name, or null
 * @param inputs    {@code NAME=FILE} or {@code FILE} arguments, in order
 * @param outputDir where to write the outputs, or null
 * @param format    pb, npy or npz (checked when writing)
 * @param machine   sequential or concurrent (checked when running)
 * @param repeat    how many runs to time (checked when running)
 * @param verbose   whether an error prints its stack trace
 */
record RunOptions(Path model, String example, List<String> inputs, Path outputDir, String format, String machine,
                  int repeat, boolean verbose) {
    static final String DEFAULT_FORMAT = "pb";
    static final String DEFAULT_MACHINE = "sequential";
    static final String DEFAULT_REPEAT = "1";

    /** The options that take a value, as {@code run} declares them (short and long names). */
    static final List<String> VALUED = List.of("--example", "-i", "--input", "-o", "--output", "--format", "--machine", "--repeat");

    RunOptions {
        inputs = List.copyOf(inputs);
    }

    /**
     * Reads the arguments after {@code run}, or returns null when they hold anything but the plain
     * forms ({@code --name value}, {@code --name=value}, {@code -i value}, one model path,
     * {@code --verbose}, each option but {@code --input} at most once), so that picocli reads them
     * instead.
     */
    static RunOptions parse(List<String> args) {
        Path model = null, outputDir = null;
        String example = null, format = DEFAULT_FORMAT, machine = DEFAULT_MACHINE;
        List<String> inputs = new ArrayList<>();
        int repeat = Integer.parseInt(DEFAULT_REPEAT);
        boolean verbose = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--verbose")) {
                verbose = true;
                continue;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                if (model != null) return null;
                model = Path.of(arg);
                continue;
            }
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (!VALUED.contains(name)) return null;
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                value = args.get(++i);
            } else {
                return null;
            }
            boolean repeatable = name.equals("-i") || name.equals("--input");
            if (!repeatable && !seen.add(name.equals("-o") ? "--output" : name)) return null;
            switch (name) {
                case "--example" -> example = value;
                case "-i", "--input" -> inputs.add(value);
                case "-o", "--output" -> outputDir = Path.of(value);
                case "--format" -> format = value;
                case "--machine" -> machine = value;
                default -> { // --repeat
                    try {
                        repeat = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
        }
        return new RunOptions(model, example, inputs, outputDir, format, machine, repeat, verbose);
    }
}
