package dev.lanes.cli;

import dev.lanes.network.LayerKind;
import dev.lanes.network.Network;
import dev.lanes.network.interchange.Architecture;
import dev.lanes.network.interchange.InterchangeFormat;
import dev.lanes.network.io.ModelFile;
import dev.lanes.network.model.InputScaling;
import dev.lanes.network.model.Model;
import dev.lanes.network.model.Provenance;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code lanes import}: a network's parameters from a numpy {@code .npz} or a safetensors file, saved as a Lanes
 * model. The architecture is the one the file records or, for a file that records none, {@code --layers} and
 * {@code --activation}; when both are there they must agree.
 *
 * <p>The model applies no input scaling unless told: {@code --input-scale S} records in the model that every input
 * is divided by S before its first layer, for a network trained on {@code x / S} that will be given x (the
 * parameters stay bit for bit the file's). IDX images are read as {@code x / 255} already, so a network trained on
 * pixels / 255 needs no scale for IDX data, and {@code --input-scale 255} for raw pixels in CSV rows.
 */
final class ImportCommand {
    static final Set<String> VALUED = Set.of("format", "in", "layers", "activation", "input-scale", "out");
    static final String HELP = """
            usage: lanes import --format npz|safetensors --in FILE --out MODEL [--layers 784,50,10]
                                [--activation relu] [--input-scale S|1/N]
            Makes a Lanes model from a network's parameters in a numpy .npz or a safetensors file.

            options:
              --format npz|safetensors  the file's format
              --in FILE                 the file to read (np.savez and np.savez_compressed files both work)
              --out MODEL               the Lanes model to write
              --layers 784,50,10        layer sizes, when the file records no architecture (then required)
              --activation relu         the activation between affine layers, when the file records none
              --input-scale S           divide every input by S before the first layer, for a network trained on
                                        x/S (Lanes reads IDX images as x/255 already); S or 1/N
            """;

    private ImportCommand() {}

    static void run(String[] args, PrintStream out) throws UsageException, IOException, CommandException {
        Args a = Args.parse("import", args, 1, VALUED, Set.of());
        if (!a.has("in") || !a.has("out") || !a.operands().isEmpty()) {
            throw new UsageException("import: give --format npz|safetensors --in FILE --out MODEL (and --layers,"
                    + " --activation when the file records no architecture)");
        }
        InterchangeFormat format = InterchangeOptions.format("import", a.get("format", null));
        Path file = Path.of(a.get("in", null));
        Path model = Path.of(a.get("out", null));
        int[] sizes = a.has("layers") ? InterchangeOptions.sizes("import", a.get("layers", null)) : null;
        LayerKind activation = a.has("activation") ? InterchangeOptions.activation("import", a.get("activation", null))
                : null;
        double scale = a.has("input-scale") ? InterchangeOptions.scale("import", a.get("input-scale", null)) : 1;

        Optional<Architecture> recorded = format.architecture(file);
        Architecture architecture;
        if (recorded.isPresent()) {
            architecture = recorded.get();
            agree(file, architecture, sizes, activation);
        } else if (sizes == null) {
            throw new UsageException("import: " + file + " records no architecture; give --layers (e.g. 784,50,10)"
                    + " and --activation (default relu)");
        } else {
            architecture = Architecture.classifier(sizes, activation != null ? activation : LayerKind.RELU);
        }
        Network network = format.load(file, architecture);
        InputScaling scaling = scale == 1 ? InputScaling.none() : InputScaling.divideBy(scale);
        // training is not recorded: the file says nothing about it
        ModelFile.save(new Model(network, scaling, List.of(), Provenance.unknown()), model);
        out.println(format.label() + ": " + file + (recorded.isPresent() ? " (architecture recorded in the file)" : ""));
        out.println("architecture: " + architecture);
        out.println("input scale: " + (scale == 1 ? "none (inputs go to the first layer as they are)"
                : "inputs divided by " + scale + " (recorded in the model, which evaluate and predict apply)"));
        out.println("model: " + model + " (" + network.describe() + ")");
    }

    /** The options given must describe the architecture the file records. */
    private static void agree(Path file, Architecture recorded, int[] sizes, LayerKind activation)
            throws CommandException {
        if (sizes != null && !Arrays.equals(sizes, recorded.sizes())) {
            throw new CommandException("import: --layers " + join(sizes) + " does not match " + file + ", which"
                    + " records " + recorded + " (layers " + join(recorded.sizes()) + ")");
        }
        if (activation != null && recorded.layers().stream()
                .anyMatch(s -> !s.kind().sized() && s.kind() != activation)) {
            throw new CommandException("import: --activation " + activation.label() + " does not match " + file
                    + ", which records " + recorded);
        }
    }

    private static String join(int[] sizes) {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
