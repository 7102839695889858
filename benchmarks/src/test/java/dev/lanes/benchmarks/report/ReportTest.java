package dev.lanes.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** RESULTS.md carries JMH's score error on every measured value, and the OpenBLAS line it is given. */
class ReportTest {
    /** JMH JSON as it writes it: scoreError a number, or the string "NaN" after a single measured iteration. */
    private static final String JSON = "[" + row("GemmBenchmark.gemm", "\"impl\":\"lanes\",\"type\":\"f32\",\"n\":\"256\",\"threads\":\"1\"",
            "250.0", "25.0") + "," + row("GemmBenchmark.gemm", "\"impl\":\"openblas\",\"type\":\"f32\",\"n\":\"256\",\"threads\":\"1\"",
            "200.0", "\"NaN\"") + "," + row("ElementwiseBenchmark.run",
            "\"op\":\"exp\",\"kernels\":\"vector\",\"type\":\"f32\",\"size\":\"100x784\"", "8.5", "0.25") + ","
            + row("TrainingStepBenchmark.step", "\"network\":\"784-50-10\",\"batch\":\"100\",\"type\":\"f32\",\"threads\":\"1\"",
            "229.4", "12.6") + "]";

    private static String row(String benchmark, String params, String score, String error) {
        return "{\"benchmark\":\"dev.lanes.benchmarks." + benchmark + "\",\"jdkVersion\":\"17\",\"vmName\":\"VM\","
                + "\"vmVersion\":\"1\",\"forks\":2,\"warmupIterations\":4,\"warmupTime\":\"1 s\","
                + "\"measurementIterations\":3,\"measurementTime\":\"500 ms\",\"params\":{" + params + "},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":" + error + ",\"scoreUnit\":\"us/op\"},"
                + "\"secondaryMetrics\":{}}";
    }

    private static String markdown(String openblas) {
        List<Result> results = Result.fromJson(Json.parse(JSON));
        List<GemmRow> gemm = results.stream().map(GemmRow::of).filter(Objects::nonNull).toList();
        return Report.markdown(results, gemm, openblas);
    }

    @Test
    void errorIsShownToTheValuesDecimalPlace() {
        assertEquals("135 ± 2", Report.withError(135.4, 2.1));
        assertEquals("4.82 ± 0.13", Report.withError(4.823, 0.131));
        assertEquals("0.512 ± 0.040", Report.withError(0.5123, 0.0401));
        assertEquals("4.82", Report.withError(4.823, Double.NaN));
    }

    @Test
    void gflopsCarryTheTimesRelativeError() {
        // n = 256: 2 * 256^3 flops in 250 us is 134.2 GFLOP/s; 10% on the time is 13.4 on that.
        GemmRow lanes = GemmRow.of(Result.fromJson(Json.parse(JSON)).get(0));
        assertEquals(134.2, lanes.gflops(), 0.05);
        assertEquals(13.42, lanes.gflopsError(), 0.005);
        assertTrue(markdown(null).contains("| n = 256 | 134 ± 13 | 168 |"), markdown(null));
    }

    @Test
    void timesCarryJmhsError() {
        String md = markdown(null);
        assertTrue(md.contains("| exp | 100x784 | f32 |  | 8.50 ± 0.25 |"), md);
        assertTrue(md.contains("| 784-50-10 | 100 | f32 | 1 | 229 ± 13 |"), md);
    }

    @Test
    void theOpenBlasLineGoesIntoTheHeaderWhenGiven() {
        String md = markdown("`libopenblasp-r0.3.21.so`, core SkylakeX");
        assertTrue(md.contains("- OpenBLAS: `libopenblasp-r0.3.21.so`, core SkylakeX\n"), md);
        assertTrue(!markdown(null).contains("- OpenBLAS:"));
    }
}
