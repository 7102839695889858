package dev.lanes.network.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link InterchangeFuzz} in a JVM of 128 MiB. CI runs a few thousand cases; a longer run:
 * {@code mvn -B -pl network -am test -Dtest=InterchangeFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlanes.fuzz.cases=100000 -Dlanes.fuzz.seed=7}.
 */
class InterchangeFuzzTest {
    @Test
    void everyMutatedParameterFileIsRejectedWithItsOffsetOrLoadsAFiniteNetwork() throws Exception {
        String cases = System.getProperty("lanes.fuzz.cases", "2000");
        String seed = System.getProperty("lanes.fuzz.seed", "1");
        Fork.Result r = Fork.run("128m", List.of(), InterchangeFuzz.class, cases, seed);
        System.out.println("InterchangeFuzz " + cases + " random cases, seed " + seed + ": " + r.output().strip());
        assertFalse(r.output().contains("OutOfMemoryError"), r.output());
        assertEquals(0, r.status(), r.output());
    }
}
