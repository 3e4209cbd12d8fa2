package dev.weft.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates ../shared (the read-only test data) from the project root the build passes in. */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String root = System.getProperty("weft.root", ".");
        return Path.of(root).toAbsolutePath().resolve("..").resolve("shared").normalize();
    }

    /** A folder under ../shared; the test is skipped (not failed) when the data is absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "test data " + p + " is not present");
        return p;
    }
}
