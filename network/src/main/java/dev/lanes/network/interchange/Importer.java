package dev.lanes.network.interchange;

import dev.lanes.network.LayerKind;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Ops;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Builds the network a parameter file describes and fills it with the file's values, checking each against it. */
final class Importer {
    private Importer() {}

    static Architecture architecture(ParameterSource source) throws InterchangeException {
        if (source.architecture().isEmpty()) {
            return null;
        }
        try {
            return Architecture.parse(source.architecture().get());
        } catch (IllegalArgumentException e) {
            throw new InterchangeException(source.file(), source.architectureEntry(), 0, e.getMessage());
        }
    }

    /**
     * The parameters the builder gives {@code architecture}, by name in order, with their shapes: as documented on
     * {@link Network.Builder}, affine layers are numbered from 1 and hold {@code W} (inputs x units) and {@code b}
     * (1 x units). Known before anything is built, so that a file is checked before its network is allocated.
     */
    static Map<String, int[]> shapes(Architecture architecture) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        int width = architecture.inputs();
        int affine = 0;
        for (Architecture.Step s : architecture.layers()) {
            if (s.kind() == LayerKind.AFFINE) {
                affine++;
                shapes.put("affine" + affine + ".W", new int[] {width, s.units()});
                shapes.put("affine" + affine + ".b", new int[] {1, s.units()});
            }
            width = s.kind().sized() ? s.units() : width;
        }
        return shapes;
    }

    static Network load(ParameterSource source, Architecture given) throws IOException {
        Architecture recorded = architecture(source);
        if (given == null && recorded == null) {
            throw new InterchangeException(source.file(), null, 0, "the file records no architecture (no "
                    + Architecture.KEY + "); give one, e.g. --layers 784,50,10 --activation relu");
        }
        if (given != null && recorded != null && !given.equals(recorded)) {
            throw new InterchangeException(source.file(), source.architectureEntry(), 0, "the file records the"
                    + " architecture '" + recorded + "' but '" + given + "' was given");
        }
        Architecture architecture = given != null ? given : recorded;
        Map<String, int[]> expected = shapes(architecture);
        DType type = null;
        for (Tensor t : source.tensors()) {
            if (type != null && t.type() != type) {
                throw new InterchangeException(source.file(), t.name(), t.dataStart(), t.name() + " is "
                        + t.type() + " but the parameters before it are " + type + " (all must share one type)");
            }
            type = t.type();
            int[] shape = expected.get(t.name());
            if (shape == null) {
                throw new InterchangeException(source.file(), t.name(), t.dataStart(), "'" + t.name()
                        + "' is not a parameter of " + architecture + " (its parameters are "
                        + String.join(", ", expected.keySet()) + ")");
            }
            if (!t.fits(shape[0], shape[1])) {
                throw new InterchangeException(source.file(), t.name(), t.dataStart(), t.name() + " has shape "
                        + t.shapeText() + " but " + architecture + " needs " + shape[0] + "x" + shape[1]
                        + (shape[0] == 1 ? " (or (" + shape[1] + ",))" : ""));
            }
        }
        Set<String> present = new HashSet<>();
        source.tensors().forEach(t -> present.add(t.name()));
        for (String name : expected.keySet()) {
            if (!present.contains(name)) {
                throw new InterchangeException(source.file(), null, 0, "the file has no " + name + ", which "
                        + architecture + " needs");
            }
        }
        // the names and shapes are the architecture's, so the file's arrays are as large as the network's
        Network network;
        try {
            network = architecture.build(type == null ? DType.FLOAT32 : type);
        } catch (IllegalArgumentException e) {
            throw new InterchangeException(source.file(), null, 0, e.getMessage());
        }
        for (Parameter p : network.parameters().values()) {
            int[] shape = expected.get(p.name());
            if (shape == null || shape[0] != p.value().rows() || shape[1] != p.value().cols()) {
                throw new IllegalStateException("import: the builder made " + p + " where the architecture "
                        + architecture + " names " + expected.keySet());
            }
        }
        for (Tensor t : source.tensors()) {
            Parameter p = network.parameters().get(t.name());
            source.read(t, p.value());
            int bad = Ops.firstNonFinite(p.value());
            if (bad >= 0) {
                int size = t.type() == DType.FLOAT32 ? Float.BYTES : Double.BYTES;
                throw new InterchangeException(source.file(), t.name(), t.dataStart() + (long) bad * size,
                        t.name() + " holds " + p.value().unsafeGet(bad) + " at row " + bad / p.value().cols()
                        + ", column " + bad % p.value().cols() + " (a model needs finite parameters)");
            }
        }
        return network;
    }
}
