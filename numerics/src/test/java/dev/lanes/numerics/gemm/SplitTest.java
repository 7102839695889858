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
        int mr = 12;
        int nr = 32;
        Split s = Split.of(m, n, k, mr, nr, threads, transA);
        assertTrue(s.parts() >= 1 && s.parts() <= threads * Split.OVERSPLIT, "parts " + s.parts());
        if ((long) m * n * k < Split.OVERSPLIT_MIN_WORK) {
            assertTrue(s.parts() <= threads, "small product cut finer than the thread count: " + s.parts());
        }
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
        // 784-50-10 at batch 100: the forward product in two column bands (32 columns and 18 padded to 32, the
        // same work; 100 rows make 9 row tiles, which split 5 + 4), the weight gradient in row bands.
        assertTwoBands(Split.of(100, 50, 784, 12, 32, 2, false), 100, 32);
        assertTwoBands(Split.of(784, 50, 100, 12, 32, 2, true), 396, 50);

        // 784-256 at batch 128: the forward product X.W in column bands, the weight gradient X^T.dY in row bands.
        assertTwoBands(Split.of(128, 256, 784, 12, 32, 2, false), 128, 128);
        assertTwoBands(Split.of(784, 256, 128, 12, 32, 2, true), 396, 256);

        assertEquals(1, Split.of(100, 50, 10, 12, 32, 2, false).parts());
    }

    /** Two bands, the first ending at row {@code rowEnd} and column {@code colEnd}. */
    private static void assertTwoBands(Split s, int rowEnd, int colEnd) {
        assertEquals(2, s.parts());
        assertEquals(rowEnd, s.rowEnd(0));
        assertEquals(colEnd, s.colEnd(0));
    }
}
