package dev.weft.onnx.proto;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;

/**
 * An ONNX TensorProto as stored: the data is still in whichever field the writer used
 * ({@code raw_data}, a typed repeated field, or an external file). {@link dev.weft.onnx.io.TensorProtos}
 * turns it into a tensor.
 *
 * @param dataType      the ONNX {@code TensorProto.DataType} code
 * @param externalData  {@code external_data} key/value pairs (location, offset, length), empty if inline
 * @param external      {@code data_location == EXTERNAL}
 * @param segmented     true when a {@code segment} is present (refused)
 */
public record TensorProto(String name, long[] dims, int dataType,
                          float[] floatData, int[] int32Data, long[] int64Data, double[] doubleData,
                          long[] uint64Data, List<ByteString> stringData, ByteString rawData,
                          Map<String, String> externalData, boolean external, boolean segmented) {
}
