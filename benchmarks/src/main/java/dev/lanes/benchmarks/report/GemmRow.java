package dev.lanes.benchmarks.report;

import dev.lanes.benchmarks.gemm.GemmShape;

/**
 * A measured GEMM row: which implementation, at which shape and thread count, at what speed, and JMH's error on it
 * carried over from the time (NaN when JMH gave none).
 */
record GemmRow(String impl, String type, int threads, GemmShape shape, boolean square, double gflops, double gflopsError) {

    /** The GEMM rows among the results, skipped ones left out; null for other benchmarks. */
    static GemmRow of(Result r) {
        GemmShape shape;
        boolean square;
        if (r.benchmark().equals("GemmBenchmark")) {
            shape = GemmShape.square(Integer.parseInt(r.param("n")));
            square = true;
        } else if (r.benchmark().equals("NetworkShapesBenchmark")) {
            shape = GemmShape.parse(r.param("shape"));
            square = false;
        } else {
            return null;
        }
        // 2mnk flops in micros() microseconds: flops / (us * 1000) is GFLOP/s.
        double gflops = shape.flops() / (r.micros() * 1000);
        // To first order an error e on a time t is an error gflops * e / t on flops / t.
        double gflopsError = gflops * r.errorMicros() / r.micros();
        return new GemmRow(r.param("impl"), r.param("type"), Integer.parseInt(r.param("threads")), shape, square, gflops,
                gflopsError);
    }

    /** Row label in tables: "n = 512" or the network product written out. */
    String label() {
        return square ? "n = " + shape.m() : shape.toString();
    }
}
