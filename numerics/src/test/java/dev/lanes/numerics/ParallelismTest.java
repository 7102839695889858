package dev.lanes.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A thread held by {@link Parallelism#runOnThisThreadOnly} runs its operations alone; other threads do not. */
class ParallelismTest {

    @Test
    void onlyTheHeldThreadRunsAlone() throws InterruptedException {
        int before = Parallelism.threads();
        Parallelism.setThreads(3);
        try {
            Parallelism.runOnThisThreadOnly(true);
            assertEquals(1, Parallelism.threadsHere());
            assertEquals(3, Parallelism.threads(), "the setting itself is unchanged");
            AtomicInteger elsewhere = new AtomicInteger();
            Thread other = new Thread(() -> elsewhere.set(Parallelism.threadsHere()));
            other.start();
            other.join();
            assertEquals(3, elsewhere.get());
            Parallelism.runOnThisThreadOnly(true);
            Parallelism.runOnThisThreadOnly(false);
            assertEquals(3, Parallelism.threadsHere(), "released after one call, however often it was held");
        } finally {
            Parallelism.runOnThisThreadOnly(false);
            Parallelism.setThreads(before);
        }
    }
}
