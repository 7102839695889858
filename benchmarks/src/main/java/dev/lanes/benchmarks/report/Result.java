package dev.lanes.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH result row: which benchmark, its parameters, its score with JMH's score error (the half-width of its 99.9%
 * confidence interval over every measured iteration of every fork; NaN when there were too few iterations), and its
 * secondary results.
 */
record Result(String benchmark, Map<String, String> params, double score, double scoreError, String unit,
              Map<String, Double> secondary, String jdk, String vm, int forks, String settings) {

    /** Rows from one JMH JSON document. */
    @SuppressWarnings("unchecked")
    static List<Result> fromJson(Object json) {
        if (!(json instanceof List<?> rows)) {
            throw new IllegalArgumentException("JMH JSON: expected an array of results");
        }
        return rows.stream().map(r -> of((Map<String, Object>) r)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Result of(Map<String, Object> row) {
        String fullName = (String) row.get("benchmark");
        // "dev.lanes.benchmarks.GemmBenchmark.gemm" -> "GemmBenchmark"
        String[] parts = fullName.split("\\.");
        String benchmark = parts.length >= 2 ? parts[parts.length - 2] : fullName;
        Map<String, String> params = new LinkedHashMap<>();
        Object p = row.get("params");
        if (p instanceof Map<?, ?> map) {
            map.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
        }
        Map<String, Object> primary = (Map<String, Object>) row.get("primaryMetric");
        Map<String, Double> secondary = new LinkedHashMap<>();
        Object s = row.get("secondaryMetrics");
        if (s instanceof Map<?, ?> map) {
            map.forEach((k, v) -> secondary.put((String) k, number(((Map<String, Object>) v).get("score"))));
        }
        int forks = (int) number(row.get("forks"));
        String settings = forks + (forks == 1 ? " fork, " : " forks, ")
                + (int) number(row.get("warmupIterations")) + " x " + row.get("warmupTime") + " warm-up, "
                + (int) number(row.get("measurementIterations")) + " x " + row.get("measurementTime") + " measured";
        return new Result(benchmark, params, number(primary.get("score")), number(primary.get("scoreError")),
                (String) primary.get("scoreUnit"),
                secondary, String.valueOf(row.get("jdkVersion")),
                row.get("vmName") + " " + row.get("vmVersion"), forks, settings);
    }

    private static double number(Object o) {
        return o instanceof Double d ? d : Double.NaN;
    }

    String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** A row that could not run on this machine (see {@code GemmSubjects}): its time means nothing. */
    boolean skipped() {
        return secondary.getOrDefault("skipped", 0.0) > 0;
    }

    /** Microseconds per operation, whatever unit JMH used. */
    double micros() {
        return score * microsPerUnit();
    }

    /** The score error in microseconds per operation; NaN when JMH could not compute one. */
    double errorMicros() {
        return scoreError * microsPerUnit();
    }

    private double microsPerUnit() {
        return switch (unit) {
            case "ns/op" -> 1e-3;
            case "us/op" -> 1;
            case "ms/op" -> 1e3;
            case "s/op" -> 1e6;
            default -> throw new IllegalArgumentException("unexpected JMH unit " + unit + " for " + benchmark);
        };
    }
}
