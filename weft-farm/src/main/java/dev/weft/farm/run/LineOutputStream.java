package dev.weft.farm.run;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An output stream that hands each complete line (and a last partial one on close) to a consumer. Not thread-safe. */
final class LineOutputStream extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Consumer<String> sink;

    LineOutputStream(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void write(int b) {
        if (b == '\n') emit();
        else line.write(b);
    }

    private void emit() {
        sink.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }

    @Override
    public void close() {
        if (line.size() > 0) emit();
    }
}
