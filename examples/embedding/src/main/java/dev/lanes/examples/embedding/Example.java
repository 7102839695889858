package dev.lanes.examples.embedding;

import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.network.data.Dataset;
import dev.lanes.network.io.ModelFile;
import dev.lanes.network.train.Sgd;
import dev.lanes.network.train.Trainer;
import dev.lanes.network.train.TrainingResult;
import dev.lanes.numerics.DType;
import java.io.IOException;
import java.nio.file.Path;

public final class Example {
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        Dataset data = Dataset.load(folder, DType.FLOAT32);

        Network net = Network.builder(784).seed(1).init(Init.gaussian(0.01))
                .affine(50).relu().affine(10).softmaxCrossEntropy().build();
        TrainingResult result = Trainer.builder(net).optimizer(new Sgd(0.1)).batchSize(100).epochs(2).build()
                .fit(data.trainX(), data.trainY(), data.testX(), data.testY());
        System.out.printf("trained %s for %d iterations in %.1f s: test accuracy %.4f%n",
                net.describe(), result.iterations(), result.trainingSeconds(), result.last().testAccuracy());

        ModelFile.save(net, Path.of("model.bin"));          // temporary file, then atomic rename
        Network loaded = ModelFile.load(Path.of("model.bin"));
        float[] image = new float[784];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) data.testX().get(0, i);
        }
        float[] p = loaded.probabilities(image);            // predicting is safe from many threads
        int c = loaded.predictClass(image);
        System.out.printf("saved and reloaded model.bin: the first test image is class %d (p = %.3f), labelled %d%n",
                c, p[c], data.testY()[0]);
    }
}
