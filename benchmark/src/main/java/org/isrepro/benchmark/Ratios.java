package org.isrepro.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.isrepro.core.model.NativeDefaults;
import org.isrepro.core.score.GradientNormScorer;
import org.isrepro.core.score.LossScorer;
import org.isrepro.core.score.UpperBoundScorer;
import org.isrepro.records.BenchRatiosRecord;
import org.isrepro.reproduction.run.Provenance;

/**
 * Reads JMH's JSON ({@code -rf json}) and writes {@code benchmark-ratios.json} (a
 * {@link BenchRatiosRecord}, docs/reports.md): the four cost ratios of docs/benchmarks.md for every model, B and b
 * present, plus the Goodfellow and sampler comparisons, each with its target, whether it is met and a note
 * built from the other measurements (where the time goes) and from what profiling found (docs/benchmarks.md).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.isrepro.benchmark.Ratios [jmh.json] [benchmark-ratios.json]};
 * exits 2 when the input is missing or malformed, naming the file.
 */
public final class Ratios {
    static final String FORWARD = "ForwardBench.forward";
    static final String SCORING = "ScoringBench.score";
    static final String EXACT = "ExactScoringBench.scorePerSample";
    static final String GOODFELLOW = "GoodfellowBench.goodfellow";
    static final String SAMPLING = "SamplingBench.buildAndDraw";
    static final String UNIFORM = "UniformStepBench.step";
    static final String IS = "IsIteration.iteration";

    /** One JMH result: the benchmark as {@code Class.method}, its parameters, seconds per operation. */
    record Result(String benchmark, Map<String, String> params, double seconds, double errorSeconds) {
        String param(String key) {
            return params.get(key);
        }

        int intParam(String key) {
            return Integer.parseInt(params.get(key));
        }
    }

    /** A computed ratio, in the order of the output file. */
    record Ratio(String id, String numerator, String denominator, Map<String, Object> params, double value,
                 double error, String target, Boolean met, String note) {
    }

    private Ratios() {
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args.length > 0 ? args[0] : "reports/out/jmh.json");
        Path out = Path.of(args.length > 1 ? args[1] : "reports/out/benchmark-ratios.json");
        JsonNode root;
        List<Ratio> ratios;
        try {
            root = tree(in);
            ratios = compute(results(root));
            // the provenance below describes this JVM: make it take the native path the forks took
            forkProperties(root).forEach(System::setProperty);
            NativeDefaults.apply(); // as every fork's Workload does
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Ratios: cannot use " + in.toAbsolutePath() + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        List<BenchRatiosRecord.Ratio> written = new ArrayList<>();
        for (Ratio r : ratios) {
            Map<String, Object> params = new LinkedHashMap<>();
            r.params().forEach((k, v) -> params.put(k, v instanceof Integer i ? i : String.valueOf(v)));
            written.add(new BenchRatiosRecord.Ratio(r.id(), r.numerator(), r.denominator(), params, round(r.value()),
                    Double.isFinite(r.error()) ? round(r.error()) : null, r.target(), r.met(), r.note()));
        }
        new BenchRatiosRecord(BenchRatiosRecord.SCHEMA.id(), Provenance.collect(null), jmh(root, in),
                Instant.now().toString(), written).write(out);
        for (Ratio r : ratios) {
            System.out.printf("%-40s %-45s %10.4f  %-8s %s%n", r.id(), r.params(), r.value(),
                    r.target() == null ? "" : r.target(), r.met() == null ? "" : r.met() ? "met" : "MISSED");
        }
        System.out.println("Ratios: wrote " + ratios.size() + " ratios to " + out);
    }

    /**
     * The system properties ({@code -Dkey=value}) the benchmark forks ran with, from the {@code jvmArgs} JMH
     * records for each result (by default the host JVM's own arguments plus {@code -jvmArgsAppend}). Among them
     * are the native path's switches ({@code -Disrepro.onednn=false}, DL4J's helper property, JavaCPP's
     * limits, docs/benchmarks.md "oneDNN"), so results whose properties differ were measured on paths a ratio
     * must not mix: they are refused, naming the key.
     */
    static Map<String, String> forkProperties(JsonNode root) {
        Map<String, String> first = null;
        for (JsonNode b : root) {
            Map<String, String> props = new TreeMap<>();
            for (JsonNode a : b.path("jvmArgs")) {
                String arg = a.asText();
                if (arg.startsWith("-D") && arg.length() > 2) {
                    int eq = arg.indexOf('=');
                    props.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
                }
            }
            if (first == null) {
                first = props;
                continue;
            }
            Set<String> keys = new TreeSet<>(first.keySet());
            keys.addAll(props.keySet());
            for (String key : keys) {
                if (!Objects.equals(first.get(key), props.get(key))) {
                    throw new IllegalArgumentException(String.format("%s %s, the first result %s; ratios between "
                                    + "results of different JVM properties would mix native paths: run them with "
                                    + "the same arguments", b.path("benchmark").asText("a result"),
                            props.containsKey(key) ? "ran with -D" + key + "=" + props.get(key) : "ran without -D" + key,
                            first.containsKey(key) ? "with -D" + key + "=" + first.get(key) : "without it"));
                }
            }
        }
        return first == null ? Map.of() : first;
    }

    /** Parses JMH's JSON array; every score is converted to seconds per operation. */
    static List<Result> read(Path file) throws IOException {
        return results(tree(file));
    }

    /** JMH's JSON array ({@code -rf json}), read once. */
    private static JsonNode tree(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file (run the benchmarks first: make bench)");
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("expected JMH's -rf json output, a JSON array");
        }
        return root;
    }

    private static List<Result> results(JsonNode root) {
        List<Result> out = new ArrayList<>();
        for (JsonNode b : root) {
            String name = b.path("benchmark").asText(null);
            JsonNode metric = b.path("primaryMetric");
            if (name == null || !metric.has("score") || !metric.has("scoreUnit")) {
                throw new IllegalArgumentException("a result lacks benchmark, primaryMetric.score or scoreUnit: " + b);
            }
            String[] parts = name.split("\\.");
            String shortName = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : name;
            if (shortName.startsWith("IsIteration")) {
                shortName = IS;   // the two classes split one grid (Algorithm 1 needs B > b)
            }
            Map<String, String> params = new TreeMap<>();
            b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            double toSeconds = secondsPer(metric.get("scoreUnit").asText());
            double error = metric.path("scoreError").isNumber() ? metric.get("scoreError").asDouble() : Double.NaN;
            out.add(new Result(shortName, params, metric.get("score").asDouble() * toSeconds, error * toSeconds));
        }
        return out;
    }

    private static double secondsPer(String unit) {
        String u = unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : null;
        if (u == null) {
            throw new IllegalArgumentException("only time per operation is understood, got unit " + unit);
        }
        TimeUnit t = switch (u) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
        return t.toNanos(1) * 1e-9;
    }

    static List<Ratio> compute(List<Result> results) {
        List<Ratio> out = new ArrayList<>();
        Index ix = new Index(results);
        // 1. upper-bound scoring / forward pass of the same samples [<= 1.05]
        for (Result ub : ix.all(SCORING, r -> UpperBoundScorer.ID.equals(r.param("scorer")) && fullChunk(r))) {
            String model = ub.param("model");
            int bigB = ub.intParam("presample");
            ix.one(FORWARD, r -> model.equals(r.param("model")) && bigB == r.intParam("presample")).ifPresent(fwd -> {
                double v = ub.seconds() / fwd.seconds();
                StringBuilder note = new StringBuilder(String.format("upper bound %s vs forward %s for %d samples",
                        time(ub.seconds()), time(fwd.seconds()), bigB));
                ix.one(SCORING, r -> LossScorer.ID.equals(r.param("scorer")) && fullChunk(r)
                        && model.equals(r.param("model"))
                        && bigB == r.intParam("presample")).ifPresent(loss -> note.append(String.format(
                        "; loss scoring, the same pass with another reduction, is %.3f x forward", loss.seconds()
                                / fwd.seconds())));
                out.add(ratio("upper-bound/forward", "upper-bound scoring of B samples", "forward pass of B samples",
                        params("model", model, "presample", bigB), v, relErr(ub, fwd) * v, "<= 1.05", v <= 1.05,
                        note + finding("upper-bound/forward", model, v <= 1.05)));
            });
        }
        // 2. gradient-norm scoring / upper-bound scoring, per sample [>= 10]
        for (Result gn : ix.all(EXACT, r -> GradientNormScorer.ID.equals(r.param("scorer")))) {
            String model = gn.param("model");
            for (Result ub : ix.all(SCORING, r -> UpperBoundScorer.ID.equals(r.param("scorer")) && fullChunk(r)
                    && model.equals(r.param("model")))) {
                int bigB = ub.intParam("presample");
                double ubPerSample = ub.seconds() / bigB;
                double v = gn.seconds() / ubPerSample;
                String note = String.format("batch-size-1 backprop %s per sample vs upper bound %s per sample (B=%d)",
                        time(gn.seconds()), time(ubPerSample), bigB);
                out.add(ratio("gradient-norm/upper-bound", "gradient-norm scoring s/sample",
                        "upper-bound scoring s/sample", params("model", model, "presample", bigB), v,
                        relErr(gn, ub) * v, ">= 10", v >= 10, note + finding("gradient-norm/upper-bound", model, v >= 10)));
            }
        }
        // 3. sampling b of B / forward pass of B [<= 0.01], with the sampler Algorithm 1 uses (alias)
        for (Result s : ix.all(SAMPLING, r -> "alias".equals(r.param("sampler")))) {
            int bigB = s.intParam("presample");
            int b = s.intParam("batch");
            for (Result fwd : ix.all(FORWARD, r -> bigB == r.intParam("presample"))) {
                double v = s.seconds() / fwd.seconds();
                out.add(ratio("sampling/forward", "alias sampler build + draw b of B", "forward pass of B samples",
                        params("model", fwd.param("model"), "presample", bigB, "batch", b), v, relErr(s, fwd) * v,
                        "<= 0.01", v <= 0.01, String.format("sampling %s vs forward %s", time(s.seconds()),
                                time(fwd.seconds())) + finding("sampling/forward", fwd.param("model"), v <= 0.01)));
            }
        }
        // 3b. the sampler choice: cumulative-sum binary search / alias, same B and b [>= 1: alias no slower]
        for (Result alias : ix.all(SAMPLING, r -> "alias".equals(r.param("sampler")))) {
            ix.one(SAMPLING, r -> "cumulative".equals(r.param("sampler"))
                    && alias.param("presample").equals(r.param("presample"))
                    && alias.param("batch").equals(r.param("batch"))).ifPresent(cum -> {
                double v = cum.seconds() / alias.seconds();
                out.add(ratio("sampling-cumulative/sampling-alias", "cumulative-sum sampler build + draw",
                        "alias sampler build + draw", params("presample", alias.intParam("presample"), "batch",
                                alias.intParam("batch")), v, relErr(cum, alias) * v, ">= 1", v >= 1,
                        String.format("cumulative %s vs alias %s", time(cum.seconds()), time(alias.seconds()))
                                + finding("sampling-cumulative/sampling-alias", null, v >= 1)));
            });
        }
        // 4. importance-sampling iteration / (forward of B + uniform step of b) [<= 1.05]
        for (Result is : ix.all(IS, r -> true)) {
            String model = is.param("model");
            int bigB = is.intParam("presample");
            int b = is.intParam("batch");
            Optional<Result> fwd = ix.one(FORWARD, r -> model.equals(r.param("model")) && bigB == r.intParam("presample"));
            Optional<Result> uni = ix.one(UNIFORM, r -> model.equals(r.param("model")) && b == r.intParam("batch"));
            if (fwd.isEmpty() || uni.isEmpty()) {
                continue;
            }
            double denominator = fwd.get().seconds() + uni.get().seconds();
            double v = is.seconds() / denominator;
            double denomErr = Math.hypot(fwd.get().errorSeconds(), uni.get().errorSeconds()) / denominator;
            StringBuilder note = new StringBuilder(String.format("iteration %s = forward %s + uniform step %s + %s",
                    time(is.seconds()), time(fwd.get().seconds()), time(uni.get().seconds()),
                    time(is.seconds() - denominator)));
            ix.one(SCORING, r -> UpperBoundScorer.ID.equals(r.param("scorer")) && fullChunk(r)
                    && model.equals(r.param("model")) && bigB == r.intParam("presample")).ifPresent(ub -> note.append(
                    String.format("; of that extra time, scoring above a plain forward pass is %s and the rest"
                                    + " (gathering B samples, sampling, reweighting, tau) %s",
                            time(ub.seconds() - fwd.get().seconds()),
                            time(is.seconds() - ub.seconds() - uni.get().seconds()))));
            out.add(ratio("is-iteration/(forward+uniform-step)", "importance-sampling iteration (B, b)",
                    "forward pass of B + uniform step of b", params("model", model, "presample", bigB, "batch", b), v,
                    Math.hypot(rel(is), denomErr) * v, "<= 1.05", v <= 1.05,
                    note + finding("is-iteration/(forward+uniform-step)", model, v <= 1.05)));
        }
        // 5. Goodfellow: exact norms from one batched pass, against batch-size-1 backprop and the upper bound
        for (Result gf : ix.all(GOODFELLOW, r -> true)) {
            String model = gf.param("model");
            int bigB = gf.intParam("presample");
            double perSample = gf.seconds() / bigB;
            ix.one(EXACT, r -> GradientNormScorer.ID.equals(r.param("scorer")) && model.equals(r.param("model")))
                    .ifPresent(gn -> {
                        double v = gn.seconds() / perSample;
                        out.add(ratio("gradient-norm/goodfellow", "batch-size-1 gradient norms s/sample",
                                "Goodfellow gradient norms s/sample", params("model", model, "presample", bigB), v,
                                relErr(gn, gf) * v, ">= 1", v >= 1, String.format("the same exact norms: %s per sample"
                                        + " by batch-size-1 backprop, %s per sample from one batched pass of %d",
                                        time(gn.seconds()), time(perSample), bigB)
                                        + finding("gradient-norm/goodfellow", model, v >= 1)));
                    });
            ix.one(SCORING, r -> UpperBoundScorer.ID.equals(r.param("scorer")) && fullChunk(r)
                    && model.equals(r.param("model")) && bigB == r.intParam("presample")).ifPresent(ub -> {
                double v = gf.seconds() / ub.seconds();
                out.add(ratio("goodfellow/upper-bound", "Goodfellow gradient norms of B samples",
                        "upper-bound scoring of B samples", params("model", model, "presample", bigB), v,
                        relErr(gf, ub) * v, null, null, String.format("informational: exact norms cost %.1f upper"
                                + " bounds on a dense network (the cost clock charges 3)", v)));
            });
        }
        return out;
    }

    /**
     * What profiling found, per ratio and model (docs/benchmarks.md, "Profiling"), appended to the note of a
     * ratio; empty when there is nothing beyond the numbers.
     */
    static String finding(String id, String model, boolean met) {
        return Findings.note(id, model, met).map(s -> ". " + s).orElse("");
    }

    private static boolean fullChunk(Result r) {
        String chunk = r.param("chunk");
        return chunk == null || chunk.equals("0") || chunk.equals(r.param("presample"));
    }

    private static Ratio ratio(String id, String numerator, String denominator, Map<String, Object> params,
                               double value, double error, String target, Boolean met, String note) {
        return new Ratio(id, numerator, denominator, params, value, error, target, met, note);
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static double rel(Result r) {
        return r.errorSeconds() / r.seconds();
    }

    private static double relErr(Result a, Result b) {
        return Math.hypot(rel(a), rel(b));
    }

    private static double round(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        double scale = Math.pow(10, 4 - Math.ceil(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    static String time(double seconds) {
        double a = Math.abs(seconds);
        if (a >= 1) {
            return String.format("%.2f s", seconds);
        }
        if (a >= 1e-3) {
            return String.format("%.1f ms", seconds * 1e3);
        }
        return String.format("%.1f us", seconds * 1e6);
    }

    /** How JMH measured (from its own output), when it finished, and the machine's load now. */
    private static BenchRatiosRecord.Jmh jmh(JsonNode root, Path jmhFile) throws IOException {
        JsonNode first = root.path(0);
        return new BenchRatiosRecord.Jmh(String.format("%s forks, %s warmup x %s, %s measurement x %s",
                first.path("forks").asText("?"), first.path("warmupIterations").asText("?"),
                first.path("warmupTime").asText("?"), first.path("measurementIterations").asText("?"),
                first.path("measurementTime").asText("?")),
                Files.getLastModifiedTime(jmhFile).toInstant().toString(), readFirstLine(Path.of("/proc/loadavg")));
    }

    private static String readFirstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? null : lines.get(0).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** Results by benchmark, searched by predicate. */
    private static final class Index {
        private final List<Result> results;

        Index(List<Result> results) {
            this.results = results;
        }

        List<Result> all(String benchmark, Predicate<Result> filter) {
            return results.stream().filter(r -> r.benchmark().equals(benchmark) && filter.test(r)).toList();
        }

        Optional<Result> one(String benchmark, Predicate<Result> filter) {
            List<Result> found = all(benchmark, filter);
            if (found.size() > 1) {
                throw new IllegalArgumentException(found.size() + " results of " + benchmark + " match " + found);
            }
            return found.stream().findFirst();
        }
    }
}
