package dev.lanes.network.interchange;

import dev.lanes.numerics.Matrix;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An opened parameter file whose declarations are read and checked, and whose values are read on request. */
interface ParameterSource extends Closeable {
    /** The file, for messages. */
    Path file();

    /** The arrays the file declares, in the file's order, without the architecture. */
    List<Tensor> tensors();

    /** The architecture line the file records, if any. */
    Optional<String> architecture();

    /** Where the file records its architecture, for messages: the npz entry or the safetensors metadata. */
    String architectureEntry();

    /** Reads the values of {@code tensor} into {@code into}, whose size is the tensor's. */
    void read(Tensor tensor, Matrix into) throws IOException;
}
