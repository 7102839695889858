package dev.lanes.benchmarks.report;

import dev.lanes.benchmarks.gemm.GemmShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Turns JMH JSON results into {@code RESULTS.md} and {@code gemm-gflops.svg}:
 * {@code java -cp benchmarks.jar dev.lanes.benchmarks.report.Report [--openblas TEXT] OUT_DIR results.json...}.
 * GFLOP/s are computed from the measured time and the product's 2mnk flops. Ratios compare rows of the same run.
 * Every measured value is shown with JMH's score error. {@code --openblas} puts a line on the OpenBLAS that ran (its
 * file and the kernels it used, which {@code run-suite} finds out) into the header.
 */
public final class Report {
    /** Table column order; also the chart's colour order. */
    static final List<String> IMPL_ORDER = List.of(
            "lanes", "lanes-scalar", "openblas", "netlib-vector", "ejml", "ejml-concurrent", "ojalgo", "netlib-java", "naive");
    /** Pure-Java libraries Lanes is compared with: not Lanes, not native, not the naive floor. */
    static final List<String> JAVA_PEERS = List.of("netlib-vector", "ejml", "ejml-concurrent", "ojalgo", "netlib-java");

    private Report() {}

    /**
     * Writes {@code RESULTS.md} and, when there are square GEMM rows, {@code gemm-gflops.svg} into OUT_DIR.
     *
     * @param args {@code [--openblas TEXT] OUT_DIR results.json [more.json ...]}
     * @throws IOException when a results file cannot be read or an output file cannot be written
     * @throws IllegalArgumentException when the files hold no JMH results
     */
    public static void main(String[] args) throws IOException {
        int first = 0;
        String openblas = null;
        if (args.length > 0 && args[0].equals("--openblas")) {
            if (args.length < 2) {
                usage();
            }
            openblas = args[1];
            first = 2;
        }
        if (args.length - first < 2) {
            usage();
        }
        Path out = Path.of(args[first]);
        List<Result> results = new ArrayList<>();
        for (int i = first + 1; i < args.length; i++) {
            String json = Files.readString(Path.of(args[i]), StandardCharsets.UTF_8);
            if (json.isBlank()) {
                // JMH leaves an empty file when an invocation matched or completed no benchmark.
                System.err.println("report: " + args[i] + " is empty, skipped");
                continue;
            }
            results.addAll(Result.fromJson(Json.parse(json)));
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no JMH results in " + List.of(args).subList(first + 1, args.length));
        }
        String subtitle = cpuModel() + ", JDK " + results.get(0).jdk()
                + (results.stream().anyMatch(r -> r.forks() == 0) ? " (plumbing run, not a measurement)" : "");
        List<GemmRow> gemm = results.stream().filter(r -> !r.skipped()).map(GemmRow::of)
                .filter(java.util.Objects::nonNull).toList();
        write(out.resolve("RESULTS.md"), markdown(results, gemm, openblas));
        List<GemmRow> chartRows = gemm.stream().filter(r -> r.square() && r.threads() == 1).toList();
        if (!chartRows.isEmpty()) {
            write(out.resolve("gemm-gflops.svg"), GflopsChart.svg(chartRows, IMPL_ORDER, subtitle));
        }
        System.out.println("report: wrote " + out.resolve("RESULTS.md")
                + (chartRows.isEmpty() ? " (no square GEMM rows: no chart)" : " and " + out.resolve("gemm-gflops.svg")));
    }

    private static void usage() {
        System.err.println("usage: Report [--openblas TEXT] OUT_DIR results.json [more.json ...]");
        System.exit(2);
    }

    /** Writes through a temporary file so an interrupted report never leaves a half-written one. */
    private static void write(Path path, String content) throws IOException {
        Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), path.getFileName().toString(), ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The report; {@code openblas} describes the OpenBLAS that ran, or is null when the caller did not say. */
    static String markdown(List<Result> results, List<GemmRow> gemm, String openblas) {
        StringBuilder md = new StringBuilder();
        Result first = results.get(0);
        md.append("# Lanes benchmark results\n\n");
        if (results.stream().anyMatch(r -> r.forks() == 0)) {
            md.append("> **Plumbing run, not a measurement:** some rows ran without a fork and with 0.2 s iterations "
                    + "(`run-suite --quick`). Run `benchmarks/run-suite` on a quiet machine for numbers.\n\n");
        }
        md.append("Generated by `benchmarks/run-suite` from one suite run; every ratio compares rows measured in that run.\n\n");
        md.append("`a ± e`: JMH's score and its score error, the half-width of the 99.9% confidence interval over the"
                + " measured iterations of all forks; for GFLOP/s the time's error carried over (GFLOP/s x error / time)."
                + " No `±` where JMH had too few iterations to give one.\n\n");
        md.append("- Machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores available to the JVM\n");
        md.append("- JDK: ").append(first.jdk()).append(" (").append(first.vm()).append(")\n");
        md.append("- Date: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append("\n");
        results.stream().collect(Collectors.groupingBy(Result::benchmark, LinkedHashMap::new,
                        Collectors.mapping(Result::settings, Collectors.toCollection(java.util.TreeSet::new))))
                .forEach((b, settings) -> md.append("- ").append(b).append(": ").append(String.join("; ", settings)).append('\n'));
        md.append("- Every fork ran with `--add-modules jdk.incubator.vector`; OpenBLAS ran through netlib's JNI binding"
                + " with `OPENBLAS_NUM_THREADS` equal to the row's thread count.\n");
        if (openblas != null) {
            md.append("- OpenBLAS: ").append(openblas).append('\n');
        }
        md.append('\n');
        targetsSection(md, results, gemm);
        gemmSection(md, gemm);
        elementwiseSection(md, results);
        trainingSection(md, results);
        skippedSection(md, results);
        return md.toString();
    }

    /** Issue 5's measurable targets, each with the worst ratio found in this run; rows not measured are absent. */
    private static void targetsSection(StringBuilder md, List<Result> results, List<GemmRow> gemm) {
        List<String> lines = new ArrayList<>();
        for (String type : List.of("f32", "f64")) {
            List<GemmRow> one = gemm.stream().filter(r -> r.threads() == 1 && r.type().equals(type)).toList();
            worstRatio(one, r -> r.square() && r.shape().m() >= 256, "openblas")
                    .ifPresent(w -> lines.add(target(type + " 1 thread: Lanes / OpenBLAS, square n >= 256", w, 0.9)));
            worstRatio(one, r -> !r.square(), "openblas")
                    .ifPresent(w -> lines.add(target(type + " 1 thread: Lanes / OpenBLAS, network shapes", w, 1.0)));
            worstPeerRatio(one)
                    .ifPresent(w -> lines.add(target(type + " 1 thread: Lanes / best Java peer, every shape", w, 1.8)));
            for (int n : new int[] {1000, 2048}) {
                Optional<Double> at = lanesSquare(one, n);
                Optional<Double> base = lanesSquare(one, 1024);
                if (at.isPresent() && base.isPresent()) {
                    lines.add(target(type + " Lanes GFLOP/s at n = " + n + " / at n = 1024", at.get() / base.get(), 0.9));
                }
            }
            Optional<Double> two = lanesSquare(gemm.stream().filter(r -> r.threads() == 2 && r.type().equals(type)).toList(), 1024);
            Optional<Double> single = lanesSquare(one, 1024);
            if (two.isPresent() && single.isPresent()) {
                lines.add(target(type + " Lanes 2 threads / 1 thread at n = 1024", two.get() / single.get(), 1.8));
            }
        }
        for (String op : List.of("exp", "tanh", "sigmoid")) {
            results.stream().filter(r -> r.benchmark().equals("ElementwiseBenchmark") && !r.skipped()
                            && r.param("op").equals(op) && r.param("kernels").equals("vector"))
                    .forEach(v -> results.stream().filter(r -> r.benchmark().equals("ElementwiseBenchmark")
                                    && r.param("op").equals(op) && r.param("kernels").equals("scalar")
                                    && r.param("type").equals(v.param("type")) && r.param("size").equals(v.param("size")))
                            .findFirst()
                            .ifPresent(sc -> lines.add(target(op + " " + v.param("type") + " " + v.param("size")
                                    + ": vector / scalar speed", sc.micros() / v.micros(), 4.0))));
        }
        for (String op : List.of("relu", "add", "axpy")) {
            bandwidthShare(results, op, "f32", "1000x1000")
                    .ifPresent(share -> lines.add(target(op + " f32 1000x1000: vector GB/s / copy GB/s", share, 0.8)));
        }
        stepOverProducts(results, gemm).ifPresent(ratio -> lines.add(atMost(
                "training step 784-50-10 f32, batch 100, 1 thread: step time / its two big products' time", ratio, 1.15)));
        results.stream().filter(r -> r.benchmark().equals("TrainingStepBenchmark") && r.param("network").equals("784-50-10")
                        && r.param("type").equals("f32") && r.secondary().containsKey("gc.alloc.rate.norm"))
                .forEach(r -> {
                    double bytes = r.secondary().get("gc.alloc.rate.norm");
                    lines.add("| training step 784-50-10 f32, batch " + r.param("batch") + ": bytes allocated per step | "
                            + num(bytes) + " | <= 1024 | " + (bytes <= 1024 ? "met" : "**not met**") + " |");
                });
        if (lines.isEmpty()) {
            return;
        }
        md.append("## Targets of issue 5 in this run\n\n");
        md.append("Worst case over the measured rows. Targets not listed here need rows this run did not measure, "
                + "or a comparison outside JMH (the CLI against numpy).\n\n");
        md.append("| target | measured | required | |\n|---|---:|---:|---|\n");
        lines.forEach(l -> md.append(l).append('\n'));
        md.append('\n');
    }

    /**
     * An element-wise op's streaming rate as a share of the memory bandwidth, taken as the rate of the JVM's bulk copy
     * ({@code op = copy}) over arrays of the same size in the same run.
     */
    private static Optional<Double> bandwidthShare(List<Result> results, String op, String type, String size) {
        Optional<Result> vector = elementwise(results, op, type, size, "vector");
        Optional<Result> copy = elementwise(results, "copy", type, size, null);
        return vector.isEmpty() || copy.isEmpty() ? Optional.empty() : Optional.of(
                (bytes(op, size, type) / vector.get().micros()) / (bytes("copy", size, type) / copy.get().micros()));
    }

    private static Optional<Result> elementwise(List<Result> results, String op, String type, String size, String kernels) {
        return results.stream().filter(r -> r.benchmark().equals("ElementwiseBenchmark") && !r.skipped()
                && r.param("op").equals(op) && r.param("type").equals(type) && r.param("size").equals(size)
                && (kernels == null || r.param("kernels").equals(kernels))).findFirst();
    }

    /**
     * One 784-50-10 training step (batch 100, float, 1 thread) over the time of its two big products measured alone:
     * the forward X.W1 (100x50x784) and the weight gradient X^T.dY (784x50x100). What exceeds 1 is everything else.
     */
    private static Optional<Double> stepOverProducts(List<Result> results, List<GemmRow> gemm) {
        Optional<Result> step = results.stream().filter(r -> r.benchmark().equals("TrainingStepBenchmark")
                && r.param("network").equals("784-50-10") && r.param("batch").equals("100") && r.param("type").equals("f32")
                && r.param("threads").equals("1")).findFirst();
        List<Double> products = gemm.stream().filter(r -> r.impl().equals("lanes") && r.type().equals("f32")
                        && r.threads() == 1 && (r.shape().equals(GemmShape.parse("100x50x784-NN"))
                        || r.shape().equals(GemmShape.parse("784x50x100-TN"))))
                .map(r -> r.shape().flops() / r.gflops() / 1000).toList();
        return step.isEmpty() || products.size() != 2 ? Optional.empty()
                : Optional.of(step.get().micros() / (products.get(0) + products.get(1)));
    }

    private static String atMost(String what, double measured, double limit) {
        return "| " + what + " | " + String.format(Locale.ROOT, "%.2f", measured) + " | <= " + limit + " | "
                + (measured <= limit ? "met" : "**not met**") + " |";
    }

    private static String target(String what, double measured, double required) {
        return "| " + what + " | " + String.format(Locale.ROOT, "%.2f", measured) + " | >= " + required + " | "
                + (measured >= required ? "met" : "**not met**") + " |";
    }

    private static Optional<Double> lanesSquare(List<GemmRow> rows, int n) {
        return rows.stream().filter(r -> r.square() && r.shape().m() == n && r.impl().equals("lanes"))
                .map(GemmRow::gflops).findFirst();
    }

    /** The smallest Lanes / other ratio over the shapes where both ran. */
    private static Optional<Double> worstRatio(List<GemmRow> rows, java.util.function.Predicate<GemmRow> which, String other) {
        return rows.stream().filter(which).filter(r -> r.impl().equals("lanes"))
                .flatMap(l -> rows.stream().filter(o -> o.impl().equals(other) && o.label().equals(l.label()))
                        .map(o -> l.gflops() / o.gflops()))
                .min(Double::compare);
    }

    /** The smallest Lanes / fastest-peer ratio over the shapes where a peer ran. */
    private static Optional<Double> worstPeerRatio(List<GemmRow> rows) {
        return rows.stream().filter(r -> r.impl().equals("lanes"))
                .flatMap(l -> rows.stream().filter(o -> JAVA_PEERS.contains(o.impl()) && o.label().equals(l.label()))
                        .max(Comparator.comparingDouble(GemmRow::gflops)).map(o -> l.gflops() / o.gflops()).stream())
                .min(Double::compare);
    }

    private static void gemmSection(StringBuilder md, List<GemmRow> gemm) {
        if (gemm.isEmpty()) {
            return;
        }
        md.append("## GEMM (GFLOP/s, higher is better)\n\n");
        md.append("GFLOP/s = 2mnk / time per product. \"best Java peer\" is the fastest of ")
                .append(String.join(", ", JAVA_PEERS)).append(" for that shape. ")
                .append("![GFLOP/s against n](gemm-gflops.svg)\n\n");
        for (int threads : gemm.stream().map(GemmRow::threads).distinct().sorted().toList()) {
            for (String type : List.of("f32", "f64")) {
                List<GemmRow> rows = gemm.stream().filter(r -> r.threads() == threads && r.type().equals(type)).toList();
                if (!rows.isEmpty()) {
                    gemmTable(md, rows, type, threads, gemm);
                }
            }
        }
    }

    private static void gemmTable(StringBuilder md, List<GemmRow> rows, String type, int threads, List<GemmRow> all) {
        List<String> impls = IMPL_ORDER.stream().filter(i -> rows.stream().anyMatch(r -> r.impl().equals(i))).toList();
        md.append("### ").append(type.equals("f32") ? "float (f32)" : "double (f64)").append(", ")
                .append(threads).append(threads == 1 ? " thread" : " threads").append("\n\n");
        md.append("| shape |");
        impls.forEach(i -> md.append(' ').append(i).append(" |"));
        boolean peers = rows.stream().anyMatch(r -> JAVA_PEERS.contains(r.impl()));
        md.append(" Lanes / OpenBLAS |").append(peers ? " Lanes / best Java peer |" : "");
        if (threads > 1) {
            md.append(" Lanes ").append(threads).append("T / 1T |");
        }
        md.append("\n|---|");
        impls.forEach(i -> md.append("---:|"));
        md.append("---:|").append(peers ? "---:|" : "").append(threads > 1 ? "---:|" : "").append('\n');
        Map<String, List<GemmRow>> byShape = rows.stream()
                .sorted(Comparator.comparing((GemmRow r) -> !r.square()).thenComparingInt(r -> r.square() ? r.shape().m() : 0))
                .collect(Collectors.groupingBy(GemmRow::label, LinkedHashMap::new, Collectors.toList()));
        byShape.forEach((label, shapeRows) -> {
            md.append("| ").append(label).append(" |");
            for (String impl : impls) {
                md.append(' ').append(shapeRows.stream().filter(r -> r.impl().equals(impl)).findFirst()
                        .map(r -> withError(r.gflops(), r.gflopsError())).orElse("")).append(" |");
            }
            Optional<Double> lanes = gflops(shapeRows, "lanes");
            Optional<Double> openblas = gflops(shapeRows, "openblas");
            Optional<GemmRow> peer = shapeRows.stream().filter(r -> JAVA_PEERS.contains(r.impl()))
                    .max(Comparator.comparingDouble(GemmRow::gflops));
            md.append(' ').append(ratio(lanes, openblas)).append(" |");
            if (peers) {
                md.append(' ').append(ratio(lanes, peer.map(GemmRow::gflops)))
                        .append(peer.map(p -> " (" + p.impl() + ")").orElse("")).append(" |");
            }
            if (threads > 1) {
                Optional<Double> single = all.stream().filter(r -> r.threads() == 1 && r.impl().equals("lanes")
                        && r.type().equals(shapeRows.get(0).type()) && r.label().equals(label)).map(GemmRow::gflops).findFirst();
                md.append(' ').append(ratio(lanes, single)).append(" |");
            }
            md.append('\n');
        });
        md.append('\n');
    }

    private static Optional<Double> gflops(List<GemmRow> rows, String impl) {
        return rows.stream().filter(r -> r.impl().equals(impl)).map(GemmRow::gflops).findFirst();
    }

    private static void elementwiseSection(StringBuilder md, List<Result> results) {
        List<Result> rows = results.stream().filter(r -> r.benchmark().equals("ElementwiseBenchmark") && !r.skipped()).toList();
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Element-wise kernels: Vector API against scalar\n\n");
        md.append("Time per call over the whole array. GB/s counts each array element read or written once "
                + "(add and axpy: 3 arrays; the maps, softmax and copy: 2). `copy` is `System.arraycopy` of the same arrays, "
                + "the memory-bandwidth reference.\n\n");
        md.append("| op | shape | type | scalar µs | vector µs | vector speed-up | GB/s (vector; copy) |\n");
        md.append("|---|---|---|---:|---:|---:|---:|\n");
        Map<String, List<Result>> groups = rows.stream().collect(Collectors.groupingBy(
                r -> r.param("op") + "|" + r.param("size") + "|" + r.param("type"), LinkedHashMap::new, Collectors.toList()));
        groups.forEach((key, group) -> {
            String[] k = key.split("\\|");
            OptionalDouble scalar = micros(group, "scalar");
            OptionalDouble vector = micros(group, "vector");
            md.append("| ").append(k[0]).append(" | ").append(k[1]).append(" | ").append(k[2]).append(" | ")
                    .append(microsWithError(group, "scalar")).append(" | ")
                    .append(microsWithError(group, "vector")).append(" | ")
                    .append(scalar.isPresent() && vector.isPresent() ? num(scalar.getAsDouble() / vector.getAsDouble()) + "x" : "")
                    .append(" | ").append(vector.isPresent() ? num(bytes(k[0], k[1], k[2]) / vector.getAsDouble() / 1000)
                            : k[0].equals("copy") && scalar.isPresent() ? num(bytes(k[0], k[1], k[2]) / scalar.getAsDouble() / 1000) : "")
                    .append(" |\n");
        });
        md.append('\n');
    }

    private static OptionalDouble micros(List<Result> rows, String kernels) {
        return rows.stream().filter(r -> r.param("kernels").equals(kernels)).mapToDouble(Result::micros).findFirst();
    }

    private static String microsWithError(List<Result> rows, String kernels) {
        return rows.stream().filter(r -> r.param("kernels").equals(kernels)).findFirst()
                .map(r -> withError(r.micros(), r.errorMicros())).orElse("");
    }

    /** Bytes an element-wise op must move at least: arrays touched x elements x element size. */
    private static double bytes(String op, String shape, String type) {
        String[] d = shape.split("x");
        double n = Double.parseDouble(d[0]) * Double.parseDouble(d[1]);
        int arrays = op.equals("add") || op.equals("axpy") ? 3 : 2; // copy, like the maps, reads one and writes one
        return arrays * n * (type.equals("f32") ? 4 : 8);
    }

    private static void trainingSection(StringBuilder md, List<Result> results) {
        List<Result> rows = results.stream().filter(r -> r.benchmark().equals("TrainingStepBenchmark")).toList();
        if (rows.isEmpty()) {
            return;
        }
        md.append("## One training step (forward, backward, SGD update)\n\n");
        md.append("Allocation from `-prof gc` (`gc.alloc.rate.norm`), bytes per step in steady state.\n\n");
        md.append("| network | batch | type | threads | µs / step | steps / s | allocated bytes / step |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|\n");
        for (Result r : rows) {
            Double alloc = r.secondary().get("gc.alloc.rate.norm");
            md.append("| ").append(r.param("network")).append(" | ").append(r.param("batch")).append(" | ")
                    .append(r.param("type")).append(" | ").append(r.param("threads")).append(" | ")
                    .append(withError(r.micros(), r.errorMicros())).append(" | ").append(num(1e6 / r.micros())).append(" | ")
                    .append(alloc == null ? "(run with -prof gc)" : num(alloc)).append(" |\n");
        }
        md.append('\n');
    }

    private static void skippedSection(StringBuilder md, List<Result> results) {
        List<Result> skipped = results.stream().filter(Result::skipped).toList();
        if (skipped.isEmpty()) {
            return;
        }
        md.append("## Skipped rows\n\nThese could not run on this machine; the JMH log says why (lines starting `SKIPPED`).\n\n");
        for (Result r : skipped) {
            md.append("- ").append(r.benchmark()).append(' ').append(r.params()).append('\n');
        }
        md.append('\n');
    }

    private static String ratio(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() && b.isPresent() && b.get() > 0 ? String.format(Locale.ROOT, "%.2f", a.get() / b.get()) : "";
    }

    /** Three significant digits, no exponent: table cells stay readable. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%." + decimals(v) + "f", v);
    }

    /** {@code v ± error}, the error to the decimal place of the value; the value alone when the error is NaN. */
    static String withError(double v, double error) {
        return Double.isFinite(error) ? num(v) + " ± " + String.format(Locale.ROOT, "%." + decimals(v) + "f", error) : num(v);
    }

    private static int decimals(double v) {
        double abs = Math.abs(v);
        return abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
    }

    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
        } catch (IOException e) {
            // Fall through: the architecture is still worth printing.
        }
        return System.getProperty("os.arch");
    }
}
