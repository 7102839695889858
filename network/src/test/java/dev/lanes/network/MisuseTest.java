package dev.lanes.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.train.Trainer;
import dev.lanes.network.train.TrainingListener;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * A network is trained by one caller or free for inference: every overlap is an {@link IllegalStateException}
 * naming both operations. Latches hold the first operation in the middle of its work, so the overlap is certain.
 */
@Timeout(60)
class MisuseTest {
    private static final String RULE = ": a network is trained by one caller at a time, and predicts only while "
            + "nobody trains it";

    private final Random rng = new Random(4);
    private final Matrix x = Matrix.gaussian(DType.FLOAT32, 200, 4, 0, 1, rng);
    private final int[] y = new int[200];

    /** An identity layer that holds the first thread through it, once armed, until released. */
    private static final class Gate implements Layer {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean armed = new AtomicBoolean();

        private void pass() {
            if (armed.compareAndSet(true, false)) {
                entered.countDown();
                await(release);
            }
        }

        @Override
        public String name() {
            return "gate";
        }

        @Override
        public Matrix forward(Matrix x) {
            pass();
            return x;
        }

        @Override
        public Matrix backward(Matrix dout) {
            return dout;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public Matrix infer(Matrix x, Matrix out) {
            pass();
            return x;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "latch timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code work} on a thread called {@code name}; the returned reference gets what it threw, if anything. */
    private static Thread start(String name, AtomicReference<Throwable> failure, Executable work) {
        Thread t = new Thread(() -> {
            try {
                work.execute();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.start();
        return t;
    }

    private static void assertRefused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalStateException.class, call).getMessage());
    }

    private Network gated(Gate gate) {
        return Network.builder(4).seed(1).layer(gate).affine(3).softmaxCrossEntropy().build();
    }

    @Test
    void everyCallDuringFitOnAnotherThreadIsRefused() throws InterruptedException {
        Network net = Network.builder(4).seed(1).affine(8).relu().affine(3).softmaxCrossEntropy().build();
        CountDownLatch inFit = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        TrainingListener pause = new TrainingListener() {
            @Override
            public void onIteration(int iteration, int epoch, int iterationsPerEpoch, double loss) {
                if (iteration == 3) {
                    inFit.countDown();
                    await(resume);
                }
            }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread trainer = start("trainer", failure,
                () -> Trainer.builder(net).iterations(20).batchSize(20).listener(pause).build().fit(x, y, x, y));
        await(inFit);
        String during = " while fit is training this network on thread trainer" + RULE;
        assertRefused("predict" + during, () -> net.predict(x));
        assertRefused("accuracy" + during, () -> net.accuracy(x, y));
        assertRefused("withDType" + during, () -> net.withDType(DType.FLOAT64));
        assertRefused("loss" + during, () -> net.loss(x, Targets.classes(y)));
        assertRefused("backward" + during, net::backward);
        assertRefused("gradients" + during, () -> net.gradients(x, Targets.classes(y)));
        assertRefused("fit" + during, () -> Trainer.builder(net).iterations(5).build().fit(x, y, null, null));
        resume.countDown();
        trainer.join();
        assertNull(failure.get(), "the first fit, which scores accuracy between its steps, is undisturbed");
        assertEquals(200, net.predict(x).rows(), "the network is free again");
    }

    @Test
    void trainingCallsFromTwoThreadsAreRefused() throws InterruptedException {
        Gate gate = new Gate();
        Network net = gated(gate);
        gate.armed.set(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread first = start("first", failure, () -> net.loss(x, Targets.classes(y)));
        await(gate.entered);
        String during = " while loss is training this network on thread first" + RULE;
        assertRefused("loss" + during, () -> net.loss(x, Targets.classes(y)));
        assertRefused("backward" + during, net::backward);
        assertRefused("predict" + during, () -> net.predict(x));
        gate.release.countDown();
        first.join();
        assertNull(failure.get());
        assertTrue(net.loss(x, Targets.classes(y)) > 0, "the claim ends with the call");
        net.backward();
    }

    @Test
    void trainingWhileInferenceRunsIsRefusedButInferenceRunsConcurrently() throws InterruptedException {
        Gate gate = new Gate();
        Network net = gated(gate);
        gate.armed.set(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = start("reader", failure, () -> net.predict(x));
        await(gate.entered);
        String during = " while 1 inference call(s) (predict, accuracy, withDType) are using this network: train it "
                + "once they have finished";
        assertRefused("loss" + during, () -> net.loss(x, Targets.classes(y)));
        assertRefused("fit" + during, () -> Trainer.builder(net).iterations(5).build().fit(x, y, null, null));
        assertEquals(200, net.predict(x).rows(), "a second prediction runs beside the first");
        gate.release.countDown();
        reader.join();
        assertNull(failure.get());
        assertTrue(net.loss(x, Targets.classes(y)) > 0, "a refused claim leaves nothing behind");
    }
}
