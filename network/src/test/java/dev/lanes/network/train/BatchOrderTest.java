package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BatchOrderTest {
    @Property(tries = 50)
    void shuffledEpochsVisitEveryExampleExactlyOnce(@ForAll @IntRange(min = 1, max = 300) int n,
                                                     @ForAll @IntRange(min = 1, max = 400) int batch,
                                                     @ForAll long seed) {
        BatchOrder order = new BatchOrder(Trainer.Sampling.SHUFFLE, n, batch, seed);
        int perEpoch = order.iterationsPerEpoch();
        int[] previous = null;
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[n];
            int[] visited = new int[n];
            int at = 0;
            for (int pos = 0; pos < perEpoch; pos++) {
                int offset = order.prepare(pos);
                int size = order.size(pos);
                assertTrue(size >= 1 && size <= Math.min(batch, n));
                for (int i = 0; i < size; i++) {
                    int e = order.indices()[offset + i];
                    seen[e]++;
                    visited[at++] = e;
                }
            }
            int[] ones = new int[n];
            Arrays.fill(ones, 1);
            assertArrayEquals(ones, seen);
            if (previous != null && n >= 8) {
                assertNotEquals(Arrays.toString(previous), Arrays.toString(visited), "reshuffled every epoch");
            }
            previous = visited;
        }
    }

    @Property(tries = 30)
    void samplingWithReplacementDrawsFullBatchesInRange(@ForAll @IntRange(min = 1, max = 300) int n,
                                                         @ForAll @IntRange(min = 1, max = 400) int batch,
                                                         @ForAll long seed) {
        BatchOrder order = new BatchOrder(Trainer.Sampling.WITH_REPLACEMENT, n, batch, seed);
        assertEquals(Math.max(1, n / Math.min(batch, n)), order.iterationsPerEpoch());
        for (int pos = 0; pos < 5; pos++) {
            int offset = order.prepare(pos);
            assertEquals(Math.min(batch, n), order.size(pos));
            for (int i = 0; i < order.size(pos); i++) {
                int e = order.indices()[offset + i];
                assertTrue(e >= 0 && e < n);
            }
        }
    }
}
