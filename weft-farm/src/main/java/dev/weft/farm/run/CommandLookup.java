package dev.weft.farm.run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks at startup that a fixed command exists, so a typo fails once with one line rather than once per task. */
final class CommandLookup {
    private CommandLookup() {}

    static void require(String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            if (!Files.exists(p)) throw new IllegalArgumentException("command '" + command + "' does not exist");
            if (!Files.isExecutable(p) || Files.isDirectory(p)) throw new IllegalArgumentException("command '" + command + "' is not executable");
            return;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, command);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) return;
            }
        }
        throw new IllegalArgumentException("command '" + command + "' not found on PATH");
    }
}
