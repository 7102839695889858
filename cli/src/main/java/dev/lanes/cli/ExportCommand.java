package dev.lanes.cli;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.interchange.Architecture;
import dev.lanes.network.interchange.InterchangeFormat;
import dev.lanes.network.io.ModelFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code lanes export}: a saved model's parameters and architecture as a numpy {@code .npz} or a safetensors file. */
final class ExportCommand {
    static final Set<String> VALUED = Set.of("model", "format", "out");
    static final String HELP = """
            usage: lanes export --model FILE --format npz|safetensors --out FILE
            Writes a saved model's parameters (affine1.W as inputs x units, affine1.b, ...) and its architecture
            for numpy (np.load) or safetensors readers.

            options:
              --model FILE              the Lanes model to export
              --format npz|safetensors  npz: numpy's .npz (np.load), the architecture in lanes.architecture;
                                        safetensors: the architecture in __metadata__
              --out FILE                the file to write (replaced atomically)
            """;

    private ExportCommand() {}

    static void run(String[] args, PrintStream out) throws UsageException, IOException {
        Args a = Args.parse("export", args, 1, VALUED, Set.of());
        if (!a.has("model") || !a.has("out") || !a.operands().isEmpty()) {
            throw new UsageException("export: give --model FILE --format npz|safetensors --out FILE");
        }
        InterchangeFormat format = InterchangeOptions.format("export", a.get("format", null));
        Path model = Path.of(a.get("model", null));
        Path file = Path.of(a.get("out", null));
        Network network = ModelFile.load(model);
        format.save(network, file);
        out.println("model: " + model + " (" + network.describe() + ")");
        out.println("architecture: " + Architecture.of(network));
        out.println("parameters: " + network.parameters().values().stream()
                .map(p -> p.name() + " " + shape(p)).collect(Collectors.joining(", ")));
        out.println(format.label() + ": " + file);
    }

    /** As the file holds it: W inputs x units, b a vector of units. */
    private static String shape(Parameter p) {
        return p.value().rows() == 1 && p.name().endsWith(".b") ? "(" + p.value().cols() + ",)"
                : "(" + p.value().rows() + ", " + p.value().cols() + ")";
    }
}
