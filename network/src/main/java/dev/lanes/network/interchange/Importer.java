package dev.lanes.network.interchange;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Ops;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

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
        DType type = null;
        long held = 0;
        for (Tensor t : source.tensors()) {
            if (type != null && t.type() != type) {
                throw new InterchangeException(source.file(), t.name(), t.dataStart(), t.name() + " is "
                        + t.type() + " but the parameters before it are " + type + " (all must share one type)");
            }
            type = t.type();
            held += t.elements();
        }
        if (architecture.parameterCount() != held) {
            throw new InterchangeException(source.file(), null, 0, "the architecture '" + architecture
                    + "' has " + (architecture.parameterCount() == Long.MAX_VALUE ? "too many"
                    : Long.toString(architecture.parameterCount())) + " parameter values but the file's "
                    + source.tensors().size() + " arrays hold " + held);
        }
        Network network;
        try {
            network = architecture.build(type == null ? DType.FLOAT32 : type);
        } catch (IllegalArgumentException e) {
            throw new InterchangeException(source.file(), null, 0, e.getMessage());
        }
        Map<String, Tensor> byName = new HashMap<>();
        for (Tensor t : source.tensors()) {
            Parameter p = network.parameters().get(t.name());
            if (p == null) {
                throw new InterchangeException(source.file(), t.name(), t.dataStart(), "'" + t.name()
                        + "' is not a parameter of " + architecture + " (its parameters are "
                        + String.join(", ", network.parameters().keySet()) + ")");
            }
            if (!t.fits(p.value())) {
                throw new InterchangeException(source.file(), t.name(), t.dataStart(), t.name() + " has shape "
                        + t.shapeText() + " but " + architecture + " needs " + p.value().rows() + "x"
                        + p.value().cols() + (p.value().rows() == 1 ? " (or (" + p.value().cols() + ",))" : ""));
            }
            byName.put(t.name(), t);
        }
        for (Parameter p : network.parameters().values()) {
            if (!byName.containsKey(p.name())) {
                throw new InterchangeException(source.file(), null, 0, "the file has no " + p.name()
                        + ", which " + architecture + " needs");
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
