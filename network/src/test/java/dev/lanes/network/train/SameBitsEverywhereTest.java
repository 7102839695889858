package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.io.ModelFile;
import dev.lanes.network.layer.Dropout;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import dev.lanes.numerics.Parallelism;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same training, in separate JVMs, writes byte-identical model files whichever kernels run it (scalar, or the
 * Vector API at its preferred width and at 256 bits), on 1 or 2 threads, and on JDK 25 when it is installed
 * beside the JDK running the tests. Sigmoid and tanh networks use exp and tanh, whose Vector API operators round
 * differently from Math and differently again before C2 compiles them; the 64-unit hidden layer at batch 128 makes
 * products large enough to be split between threads. The {@code adamw} run adds what training can add on top: AdamW
 * (square roots and divisions), L2-free decoupled decay, a cosine schedule, dropout, a validation split and early
 * stopping.
 */
class SameBitsEverywhereTest {

    /** Trains one small network and saves it: {@code main(activation, threads, modelFile)}. */
    public static void main(String[] args) throws IOException {
        Parallelism.setThreads(Integer.parseInt(args[1]));
        Random rng = new Random(5);
        int n = 1024;
        Matrix x = Matrix.gaussian(DType.FLOAT32, n, 300, 0, 1, rng);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (x.get(i, 0) + x.get(i, 1) > 0 ? 1 : 0) + (x.get(i, 2) > 0.5 ? 2 : 0);
        }
        if (args[0].equals("adamw")) {
            Network net = Network.builder(300).seed(3).affine(512).tanh().layer(new Dropout("dropout1", 0.3, 4))
                    .affine(4).softmaxCrossEntropy().build();
            Trainer.builder(net).batchSize(128).epochs(4).seed(9)
                    .optimizer(new Adam(LearningRateSchedule.cosine(0.003, 32), 0.9, 0.999, 1e-8, 0.01))
                    .validationFraction(0.2).earlyStopping(1, Trainer.Monitor.VALIDATION_ACCURACY).build()
                    .fit(x, y, null, null);
            // the saved model is the same network without its dropout layer
            Network plain = Network.builder(300).affine(512).tanh().affine(4).softmaxCrossEntropy().build();
            for (Parameter p : net.parameters().values()) {
                Ops.copy(p.value(), plain.parameters().get(p.name()).value());
            }
            ModelFile.save(plain, Path.of(args[2]));
            return;
        }
        Network.Builder b = Network.builder(300).seed(3).affine(512);
        Network net = (args[0].equals("sigmoid") ? b.sigmoid() : b.tanh()).affine(4).softmaxCrossEntropy().build();
        Trainer.builder(net).batchSize(128).epochs(3).seed(9).build().fit(x, y, null, null);
        ModelFile.save(net, Path.of(args[2]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh", "adamw"})
    void modelFilesAreIdentical(String activation, @TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<List<String>> runs = new ArrayList<>();
        runs.add(List.of(java, "-Dlanes.kernels=scalar", "1"));
        runs.add(List.of(java, "-Dlanes.kernels=scalar", "2"));
        if (vectorModuleInThisJvm()) {
            runs.add(List.of(java, "--add-modules=jdk.incubator.vector", "1"));
            runs.add(List.of(java, "--add-modules=jdk.incubator.vector", "2"));
            runs.add(List.of(java, "--add-modules=jdk.incubator.vector", "-Dlanes.vectorBits=256", "2"));
        }
        jdk25().ifPresent(j -> runs.add(List.of(j, "--add-modules=jdk.incubator.vector", "2")));
        byte[] first = null;
        for (int i = 0; i < runs.size(); i++) {
            List<String> run = runs.get(i);
            Path model = dir.resolve(activation + i + ".bin");
            List<String> command = new ArrayList<>(run.subList(0, run.size() - 1));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), SameBitsEverywhereTest.class.getName(),
                    activation, run.get(run.size() - 1), model.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log" + i).toFile()).start();
            assertEquals(0, p.waitFor(), command + ": " + Files.readString(dir.resolve("log" + i)));
            byte[] bytes = Files.readAllBytes(model);
            if (first == null) {
                first = bytes;
            } else {
                assertArrayEquals(first, bytes, activation + ": " + run + " differs from " + runs.get(0));
            }
        }
    }

    private static boolean vectorModuleInThisJvm() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Optional<String> jdk25() {
        File[] jvms = new File("/usr/lib/jvm").listFiles((d, name) -> name.contains("-25"));
        if (jvms == null) {
            return Optional.empty();
        }
        for (File jvm : jvms) {
            File launcher = new File(jvm, "bin/java");
            if (launcher.canExecute()) {
                return Optional.of(launcher.getPath());
            }
        }
        return Optional.empty();
    }
}
