package dev.lanes.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Marks a row that could not run here (see {@code GemmSubjects}) with a JMH secondary result {@code skipped}:
 * 0 for a measured row, the number of no-op invocations for a skipped one. The report tool leaves such rows out
 * and says why; the time JMH prints for them means nothing.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Skips {
    /** Read by JMH. */
    public long skipped;
}
