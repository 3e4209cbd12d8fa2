package dev.weft.train.export;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds one protobuf message: fields are appended in any order and nested messages are written as
 * length-delimited bytes, which is all the ONNX wire format needs.
 */
final class ProtoWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    ProtoWriter int64(int field, long v) {
        try { out.writeInt64(field, v); } catch (IOException e) { throw new UncheckedIOException(e); }
        return this;
    }

    ProtoWriter int32(int field, int v) {
        try { out.writeInt32(field, v); } catch (IOException e) { throw new UncheckedIOException(e); }
        return this;
    }

    ProtoWriter string(int field, String v) {
        try { out.writeString(field, v); } catch (IOException e) { throw new UncheckedIOException(e); }
        return this;
    }

    ProtoWriter message(int field, byte[] encoded) {
        try { out.writeByteArray(field, encoded); } catch (IOException e) { throw new UncheckedIOException(e); }
        return this;
    }

    ProtoWriter message(int field, ProtoWriter nested) { return message(field, nested.toByteArray()); }

    byte[] toByteArray() {
        try { out.flush(); } catch (IOException e) { throw new UncheckedIOException(e); }
        return bytes.toByteArray();
    }
}
