package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @Test
    void trainsPrintsEpochsWritesTheCurveAndEndsWithTestAccuracy(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("curve.svg");
        CliRunner r = CliRunner.run("train", "digits", "--epochs", "2", "--curve", svg.toString());
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[1].startsWith("epoch   1  loss "), r.out());
        assertTrue(lines[lines.length - 1].matches("test accuracy: 0\\.\\d{4}"), lines[lines.length - 1]);
        String picture = Files.readString(svg);
        assertTrue(picture.startsWith("<svg") && picture.contains("<polyline"), picture);
    }

    @Test
    void unknownExampleAndOptimizerAreOneLineErrors() {
        CliRunner a = CliRunner.run("train", "cats");
        assertEquals("weft: unknown example 'cats'; the one available is: digits", a.err().strip());
        CliRunner b = CliRunner.run("train", "digits", "--optimizer", "foo");
        assertEquals("weft: unknown optimizer 'foo'; choose sgd, adam or rmsprop", b.err().strip());
        assertEquals("", b.out());
    }
}
