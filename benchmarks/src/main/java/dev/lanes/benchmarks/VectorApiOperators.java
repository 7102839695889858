package dev.lanes.benchmarks;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API's own EXP and TANH lanewise operators over an array, the peer of Lanes' exp, tanh and sigmoid
 * kernels in {@link ElementwiseBenchmark} ({@code kernels=vector-api}). Their rounding depends on whether C2 has
 * compiled them, which is why Lanes does not use them; here they are only timed.
 */
final class VectorApiOperators {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private VectorApiOperators() {
    }

    static Runnable floats(String op, float[] x, float[] o, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        return switch (op) {
            case "exp" -> () -> {
                for (int i = 0; i < F.loopBound(n); i += F.length()) {
                    FloatVector.fromArray(F, x, i).lanewise(VectorOperators.EXP).intoArray(o, i);
                }
            };
            case "tanh" -> () -> {
                for (int i = 0; i < F.loopBound(n); i += F.length()) {
                    FloatVector.fromArray(F, x, i).lanewise(VectorOperators.TANH).intoArray(o, i);
                }
            };
            case "sigmoid" -> () -> {
                for (int i = 0; i < F.loopBound(n); i += F.length()) {
                    FloatVector e = FloatVector.fromArray(F, x, i).neg().lanewise(VectorOperators.EXP);
                    one.div(one.add(e)).intoArray(o, i);
                }
            };
            default -> null;
        };
    }

    static Runnable doubles(String op, double[] x, double[] o, int n) {
        DoubleVector one = DoubleVector.broadcast(D, 1);
        return switch (op) {
            case "exp" -> () -> {
                for (int i = 0; i < D.loopBound(n); i += D.length()) {
                    DoubleVector.fromArray(D, x, i).lanewise(VectorOperators.EXP).intoArray(o, i);
                }
            };
            case "tanh" -> () -> {
                for (int i = 0; i < D.loopBound(n); i += D.length()) {
                    DoubleVector.fromArray(D, x, i).lanewise(VectorOperators.TANH).intoArray(o, i);
                }
            };
            case "sigmoid" -> () -> {
                for (int i = 0; i < D.loopBound(n); i += D.length()) {
                    DoubleVector e = DoubleVector.fromArray(D, x, i).neg().lanewise(VectorOperators.EXP);
                    one.div(one.add(e)).intoArray(o, i);
                }
            };
            default -> null;
        };
    }
}
