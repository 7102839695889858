package dev.lanes.network.interchange;

import dev.lanes.network.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats a network's parameters can be exported to and imported from. Exports are atomic (a temporary
 * file beside the target, forced to disk, then renamed over it) and give the same bytes for the same network.
 * Imports check every declared size before allocating and refuse anything that is not exactly the network's
 * parameters, as finite little-endian float32 or float64 values in C order, with an
 * {@link InterchangeException} naming the file, the entry or tensor, and the offset.
 */
public enum InterchangeFormat {
    /**
     * numpy's {@code .npz}, as {@code np.savez} writes it ({@code np.savez_compressed} files are read too): one
     * {@code NAME.npy} entry per parameter, {@code <f4} or {@code <f8}, and the architecture in the entry
     * {@code lanes.architecture.npy}. In numpy: {@code f = np.load(path); W1 = f["affine1.W"]}.
     */
    NPZ {
        @Override
        void write(Network network, Path file) throws IOException {
            NpzFile.save(network, file);
        }

        @Override
        ParameterSource open(Path file) throws IOException {
            return NpzFile.open(file);
        }
    },
    /**
     * safetensors: tensors {@code F32} or {@code F64}, the architecture in {@code __metadata__} under
     * {@code lanes.architecture}.
     */
    SAFETENSORS {
        @Override
        void write(Network network, Path file) throws IOException {
            SafetensorsFile.save(network, file);
        }

        @Override
        ParameterSource open(Path file) throws IOException {
            return SafetensorsFile.open(file);
        }
    };

    abstract void write(Network network, Path file) throws IOException;

    abstract ParameterSource open(Path file) throws IOException;

    /**
     * As the command line spells it.
     *
     * @return {@code npz} or {@code safetensors}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format a label names.
     *
     * @param label {@code npz} or {@code safetensors}, in any case
     * @return the format, or empty when the label names none
     */
    public static Optional<InterchangeFormat> ofLabel(String label) {
        return Arrays.stream(values()).filter(f -> f.label().equals(label.toLowerCase(Locale.ROOT))).findFirst();
    }

    /**
     * Writes the parameters of {@code network} and its architecture to {@code file}.
     *
     * @param network a network built from {@link dev.lanes.network.LayerKind}s
     * @param file    the file to write; an existing one is replaced only once the new one is complete
     * @throws IllegalArgumentException when a layer was added as an instance (it has no kind to record)
     * @throws IOException              when the file cannot be written; an existing file is then left as it was
     */
    public void save(Network network, Path file) throws IOException {
        Architecture.of(network);
        write(network, file);
    }

    /**
     * The architecture {@code file} records, without reading its values.
     *
     * @param file a file in this format
     * @return the architecture, or empty when the file records none
     * @throws InterchangeException when the file is not valid in this format or its architecture line is not
     * @throws IOException          when it cannot be read
     */
    public Optional<Architecture> architecture(Path file) throws IOException {
        try (ParameterSource source = open(file)) {
            return Optional.ofNullable(Importer.architecture(source));
        }
    }

    /**
     * Reads a network from {@code file}: its element type is the file's (float32 or float64), its architecture the
     * one given or, when {@code architecture} is null, the one the file records.
     *
     * @param file         a file in this format
     * @param architecture the architecture, or null to take the file's; when both are there they must be equal
     * @return the network, with the file's parameters and no input scaling
     * @throws InterchangeException when the file is not valid, records no architecture and none is given, records
     *                              another, or its arrays are not exactly the architecture's parameters (names,
     *                              shapes, one element type, finite values); or when the heap cannot hold the
     *                              network
     * @throws IOException          when it cannot be read
     */
    public Network load(Path file, Architecture architecture) throws IOException {
        try (ParameterSource source = open(file)) {
            return Importer.load(source, architecture);
        }
    }
}
