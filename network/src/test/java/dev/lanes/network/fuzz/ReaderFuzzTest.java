package dev.lanes.network.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ReaderFuzz} in a JVM of 128 MiB. CI runs a few thousand cases; a longer run:
 * {@code mvn -B -pl network -am test -Dtest=ReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlanes.fuzz.cases=100000 -Dlanes.fuzz.seed=7}.
 */
class ReaderFuzzTest {
    @Test
    void everyMutatedFileIsRejectedWithItsOffsetOrLoadedExactly() throws Exception {
        String cases = System.getProperty("lanes.fuzz.cases", "2000");
        String seed = System.getProperty("lanes.fuzz.seed", "1");
        Fork.Result r = Fork.run("128m", List.of(), ReaderFuzz.class, cases, seed);
        System.out.println("ReaderFuzz " + cases + " random cases, seed " + seed + ": " + r.output().strip());
        assertFalse(r.output().contains("OutOfMemoryError"), r.output());
        assertEquals(0, r.status(), r.output());
    }
}
