package dev.weft.onnx.proto;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;

/**
 * Growable primitive arrays for repeated scalar fields, each reading both the packed and the
 * unpacked encoding (ONNX is proto2, whose writers use either).
 *
 * <p>A packed run's length was already checked against the remaining input by CodedInputStream;
 * the arrays grow by doubling as elements actually arrive, so a lying length cannot make them huge.
 */
abstract class PrimitiveLists {
    int size;

    abstract void readOne(CodedInputStream in) throws IOException;

    /** Reads one occurrence of the field whose tag was just read. */
    final void read(CodedInputStream in, int tag) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int length = in.readRawVarint32();
            int old = in.pushLimit(length);
            while (in.getBytesUntilLimit() > 0) readOne(in);
            in.popLimit(old);
        } else {
            readOne(in);
        }
    }

    static int grow(int capacity) { return Math.max(8, capacity * 2); }
}

final class Longs extends PrimitiveLists {
    private long[] data = new long[0];

    @Override
    void readOne(CodedInputStream in) throws IOException { add(in.readInt64()); }

    void add(long v) {
        if (size == data.length) data = Arrays.copyOf(data, grow(size));
        data[size++] = v;
    }

    long[] toArray() { return Arrays.copyOf(data, size); }
}

final class Ints extends PrimitiveLists {
    private int[] data = new int[0];

    @Override
    void readOne(CodedInputStream in) throws IOException {
        if (size == data.length) data = Arrays.copyOf(data, grow(size));
        data[size++] = in.readInt32();
    }

    int[] toArray() { return Arrays.copyOf(data, size); }
}

final class Floats extends PrimitiveLists {
    private float[] data = new float[0];

    @Override
    void readOne(CodedInputStream in) throws IOException {
        if (size == data.length) data = Arrays.copyOf(data, grow(size));
        data[size++] = in.readFloat();
    }

    float[] toArray() { return Arrays.copyOf(data, size); }
}

final class Doubles extends PrimitiveLists {
    private double[] data = new double[0];

    @Override
    void readOne(CodedInputStream in) throws IOException {
        if (size == data.length) data = Arrays.copyOf(data, grow(size));
        data[size++] = in.readDouble();
    }

    double[] toArray() { return Arrays.copyOf(data, size); }
}
