package dev.lanes.numerics.gemm;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thread split covers C exactly once with tile-aligned bands, and cuts the network's products usefully. */
class SplitTest {

    @Property(tries = 300)
    void bandsTileCExactlyOnce(@ForAll @IntRange(min = 1, max = 3000) int m, @ForAll @IntRange(min = 1, max = 3000) int n,
                               @ForAll @IntRange(min = 1, max = 1000) int k, @ForAll @IntRange(min = 1, max = 8) int threads,
                               @ForAll boolean transA) {
        int mr = 7;
        int nr = 32;
        Split s = Split.of(m, n, k, mr, nr, threads, transA);
        assertTrue(s.parts() >= 1 && s.parts() <= threads, "parts " + s.parts());
        long covered = 0;
        for (int p = 0; p < s.parts(); p++) {
            int r0 = s.rowStart(p);
            int r1 = s.rowEnd(p);
            int c0 = s.colStart(p);
            int c1 = s.colEnd(p);
            assertTrue(r0 < r1 && c0 < c1, "empty band " + p);
            assertTrue(r0 % mr == 0 && c0 % nr == 0, "band " + p + " not tile aligned");
            if (p > 0) {
                boolean follows = (r0 == s.rowEnd(p - 1) && c0 == 0 && c1 == n)
                        || (c0 == s.colEnd(p - 1) && r0 == 0 && r1 == m);
                assertTrue(follows, "band " + p + " does not continue band " + (p - 1));
            }
            covered += (long) (r1 - r0) * (c1 - c0);
        }
        assertEquals((long) m * n, covered);
    }

    @Test
    void networkShapesAreCutAlongTheUsefulSide() {
        Split batchTimesWeights = Split.of(100, 50, 784, 7, 32, 2, false);
        assertEquals(2, batchTimesWeights.parts());
        assertEquals(100, batchTimesWeights.rowEnd(1));
        assertEquals(50, batchTimesWeights.colEnd(0));

        Split gradTimesWeightsT = Split.of(100, 784, 50, 7, 32, 2, false);
        assertEquals(2, gradTimesWeightsT.parts());
        assertEquals(100, gradTimesWeightsT.rowEnd(0));

        Split tiny = Split.of(100, 50, 10, 7, 32, 2, false);
        assertEquals(1, tiny.parts());
    }
}
