package dev.lanes.network;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a {@link Network} either trained by one caller or free for inference. Training calls write the layers'
 * buffers and the parameters, so two at once, or inference during one, give wrong results without any error;
 * the guard turns each such overlap into an {@link IllegalStateException} naming both operations. Inference
 * takes no lock: it counts itself in and out, so any number of threads may predict at once.
 *
 * <p>A claim is held by a thread and is reentrant on that thread ({@code fit} holds one while its steps call
 * {@code loss} and {@code backward} and score accuracy). A training claim and the inference count are each set
 * before the other is read (both volatile), so of two overlapping calls at least one sees the other.
 */
final class UseGuard {
    private final AtomicReference<Claim> training = new AtomicReference<>();
    private final AtomicInteger inferring = new AtomicInteger();

    /** Who trains, and with what. */
    private record Claim(Thread thread, String operation) {}

    /**
     * Claims training for the calling thread.
     *
     * @return true when this call made the claim (and must {@link #endTraining}), false when the thread held it
     * @throws IllegalStateException when another thread trains the network or inference is running on it
     */
    boolean beginTraining(String operation) {
        Claim held = training.get();
        if (held != null && held.thread == Thread.currentThread()) {
            return false;
        }
        if (held != null || !training.compareAndSet(null, new Claim(Thread.currentThread(), operation))) {
            throw busy(operation, training.get());
        }
        int running = inferring.get();
        if (running > 0) {
            training.set(null);
            throw new IllegalStateException(operation + " while " + running + " inference call(s) (predict, "
                    + "accuracy, withDType) are using this network: train it once they have finished");
        }
        return true;
    }

    void endTraining() {
        training.set(null);
    }

    /**
     * Counts an inference call in; the thread that trains the network may also infer (a trainer scores accuracy
     * between its steps).
     *
     * @throws IllegalStateException when another thread trains the network
     */
    void beginInference(String operation) {
        inferring.incrementAndGet();
        Claim held = training.get();
        if (held != null && held.thread != Thread.currentThread()) {
            inferring.decrementAndGet();
            throw busy(operation, held);
        }
    }

    void endInference() {
        inferring.decrementAndGet();
    }

    private static IllegalStateException busy(String operation, Claim held) {
        String who = held == null ? "another call is training this network"
                : held.operation + " is training this network on thread " + held.thread.getName();
        return new IllegalStateException(operation + " while " + who + ": a network is trained by one caller at a "
                + "time, and predicts only while nobody trains it");
    }
}
