package org.isrepro.reproduction.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.isrepro.core.model.DlModel;
import org.isrepro.datasets.DryRun;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.ExperimentData;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Json;
import org.isrepro.reproduction.run.Matrix;
import org.isrepro.reproduction.run.MemoryPeaks;
import org.isrepro.reproduction.run.Plan;
import org.isrepro.reproduction.run.Runner;
import org.isrepro.reproduction.run.Shards;
import org.isrepro.records.RunRecord;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code isrepro dry-run}: every paper-scale experiment and method of the matrix, shrunk to a few updates on synthetic
 * data ({@code ISREPRO_DRY_RUN=N}, README "Dry run of the paper scale"), one experiment after another in this
 * process so that each one's peak memory can be measured ({@link MemoryPeaks}); per experiment it also times one
 * scoring forward pass over B and one uniform step of b on this machine. Writes {@code dry-run.json} (schema
 * {@link #SCHEMA}) after every experiment; run again into the same {@code --out}, it keeps the experiments that
 * file already measured without a failure and goes on with the rest (a dry run takes hours on a small machine, so
 * it resumes across sessions). {@code --merge} joins the files of several shards' directories and writes
 * {@code dry-run.md}.
 */
@Command(name = "dry-run", mixinStandardHelpOptions = true, description = "Run the paper-scale matrix for"
        + " ISREPRO_DRY_RUN updates per run on synthetic data, measuring step, scoring time and memory.")
final class DryRunCmd implements Callable<Integer> {
    static final String SCHEMA = "isrepro.dry-run/1";
    static final String FILE = "dry-run.json";

    @Option(names = "--out", defaultValue = "reports/out", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--shard", description = "i/n: only this shard's runs")
    String shard;

    @Option(names = "--methods", split = ",", description = "only these methods (ids or labels)")
    List<String> methods;

    @picocli.CommandLine.Parameters(arity = "0..*", paramLabel = "EXPERIMENT",
            description = "experiment ids (default: every experiment of the matrix)")
    List<String> experimentIds;

    @Option(names = "--merge", arity = "1..*", description = "join the dry-run.json of these directories into --out")
    List<Path> merge;

    @Option(names = "--generate-data", paramLabel = "DIR", description = "write the synthetic datasets and the"
            + " ResNet-50 archive into DIR (with their manifest) and exit")
    Path generateData;

    @Override
    public Integer call() throws IOException {
        if (generateData != null) {
            System.out.println("written: " + org.isrepro.datasets.synthetic.SyntheticData.write(generateData,
                    org.isrepro.datasets.synthetic.SyntheticData.Sizes.DRY_RUN, 0L));
            return 0;
        }
        if (merge != null && !merge.isEmpty()) {
            return merge();
        }
        if (DryRun.iterations().isEmpty()) {
            System.err.println("isrepro: dry-run needs " + DryRun.ENV + "=N (updates per run) and "
                    + "ISREPRO_DATA pointing at synthetic data; `make dry-run` sets both");
            return 2;
        }
        int iterations = DryRun.iterations().getAsInt();
        List<String> ids = experimentIds == null || experimentIds.isEmpty() ? Experiments.ids() : experimentIds;
        Predicate<org.isrepro.reproduction.experiment.MethodSpec> include = methods == null || methods.isEmpty()
                ? m -> true : m -> methods.contains(m.method()) || methods.contains(m.label());
        Predicate<String> mine = name -> true;
        if (shard != null) {
            Set<String> names = new HashSet<>();
            Shards.of(Plan.of(ids, Scale.PAPER, null), Shards.Spec.parse(shard)).forEach(r -> names.add(r.name()));
            mine = names::contains;
        }
        Main.Common common = new Main.Common();
        common.out = out;
        common.noProgress = true;
        List<Map<String, Object>> experiments;
        try {
            experiments = measuredBefore(iterations);
        } catch (IllegalStateException mismatch) {
            System.err.println("isrepro: " + mismatch.getMessage());
            return 2;
        }
        Set<String> kept = new HashSet<>();
        experiments.forEach(x -> kept.add((String) x.get("experiment")));
        if (!kept.isEmpty()) {
            System.out.println("dry run: kept from " + out.resolve(FILE) + " (measured before): "
                    + String.join(", ", kept));
        }
        List<String> failed = new ArrayList<>();
        for (String id : ids) {
            if (kept.contains(id)) {
                continue;
            }
            Experiment e = Experiments.get(id, Scale.PAPER);
            Predicate<String> runs = mine;
            boolean any = e.methods().stream().filter(include).anyMatch(m -> e.seeds().stream()
                    .anyMatch(s -> runs.test(Runner.runName(e, m, s))));
            if (!any) {
                continue;
            }
            String loadBefore = loadAverage();
            long t0 = System.nanoTime();
            MemoryPeaks peaks = MemoryPeaks.start();
            Matrix.Summary summary = new Matrix(common.options()).run(List.of(id), Scale.PAPER, include, runs);
            Map<String, Object> timing = timeScoringAndStep(e);
            MemoryPeaks.Peaks p = peaks.stop();
            failed.addAll(summary.failed());
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("experiment", id);
            x.put("section", e.about().section());
            x.put("model", e.network().description());
            x.put("batchSize", e.protocol().batchSize());
            x.put("presample", e.protocol().presample());
            x.put("runs", runsOf(e, summary));
            x.putAll(timing);
            x.put("peakHeapBytes", p.heapBytes());
            x.put("peakNativeBytes", p.nativeBytes());
            x.put("nativeAtStartBytes", p.nativeAtStartBytes());
            x.put("peakResidentBytes", p.residentBytes());
            x.put("seconds", (System.nanoTime() - t0) / 1e9);
            x.put("loadAverageBefore", loadBefore);
            x.put("loadAverageAfter", loadAverage());
            x.put("failed", summary.failed());
            experiments.add(x);
            // written after every experiment, so that a dry run stopped part-way keeps what it measured
            Map<String, Object> partial = header(iterations);
            partial.put("shard", shard);
            partial.put("methods", methods);
            partial.put("complete", false);
            partial.put("experiments", experiments);
            Json.writeAtomically(out.resolve(FILE), partial);
            System.out.printf(Locale.ROOT, "dry run: %s: %s; scoring B=%d %.2f s, uniform step b=%d %.2f s, peak heap"
                    + " %.2f GiB, native %.2f GiB, resident %.2f GiB (load %s)%n", id, summary,
                    e.protocol().presample(), timing.get("scoringSeconds"), e.protocol().batchSize(),
                    timing.get("uniformStepSeconds"), gib(p.heapBytes()), gib(p.nativeBytes()),
                    gib(p.residentBytes()), loadAverage());
        }
        Map<String, Object> doc = header(iterations);
        doc.put("shard", shard);
        doc.put("methods", methods);
        doc.put("complete", true);
        doc.put("experiments", experiments);
        Json.writeAtomically(out.resolve(FILE), doc);
        System.out.println("written: " + out.resolve(FILE));
        return failed.isEmpty() ? 0 : 1;
    }

    /**
     * The experiments that {@code --out}'s dry-run.json measured without a failure, when it was written by a dry run
     * of the same iterations, shard and methods (an earlier, interrupted or finished, invocation); empty when there
     * is no such file. A file of another dry run is not mixed in: that is an error naming the difference.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> measuredBefore(int iterations) {
        Path f = out.resolve(FILE);
        List<Map<String, Object>> kept = new ArrayList<>();
        if (!Files.isRegularFile(f)) {
            return kept;
        }
        Map<String, Object> before = Json.read(f, Map.class);
        String differs = !SCHEMA.equals(before.get("schema")) ? "is not a " + SCHEMA + " file"
                : !Integer.valueOf(iterations).equals(((Number) before.get("iterations")).intValue())
                ? "holds a dry run of " + before.get("iterations") + " update(s) per run, this one " + iterations
                : !java.util.Objects.equals(shard, before.get("shard"))
                ? "holds shard " + before.get("shard") + ", this is shard " + shard
                : !java.util.Objects.equals(methods, before.get("methods"))
                ? "was measured with --methods " + before.get("methods") + ", this run has " + methods : null;
        if (differs != null) {
            throw new IllegalStateException(f + " " + differs + ": choose another --out, or delete that directory"
                    + " to start the dry run over");
        }
        for (Map<String, Object> x : (List<Map<String, Object>>) before.get("experiments")) {
            Object failedRuns = x.get("failed");
            if (failedRuns instanceof List<?> l && l.isEmpty()) {
                kept.add(x);
            }
        }
        return kept;
    }

    private static Map<String, Object> header(int iterations) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", SCHEMA);
        doc.put("label", DryRun.label(iterations));
        doc.put("iterations", iterations);
        doc.put("writtenAt", Instant.now().toString());
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        return doc;
    }

    /** Per run: its method, status and seconds per update (the method's whole step: scoring, sampling, update). */
    private List<Map<String, Object>> runsOf(Experiment e, Matrix.Summary summary) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Path runsDir = out.resolve("runs");
        for (String name : concat(summary.completed(), summary.diverged(), summary.skipped())) {
            Path file = runsDir.resolve(name + ".json");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            RunRecord r = RunRecord.read(file);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", name);
            row.put("method", r.variant() == null ? r.method() : r.method() + " " + r.variant());
            row.put("status", r.status());
            row.put("iterations", r.summary().iterations());
            row.put("secondsPerIteration", r.summary().iterations() == 0 ? null
                    : r.summary().wallSeconds() / r.summary().iterations());
            row.put("resumed", r.provenance() == null ? null : r.provenance().resumedCount());
            rows.add(row);
        }
        for (String f : summary.failed()) {
            rows.add(Map.of("run", f, "status", "failed"));
        }
        return rows;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    /**
     * One scoring forward pass over the first B training samples and one uniform step on the first b, with a fresh
     * model of the experiment, timed once each after the experiment's runs (so the JVM and native code are warm; on a
     * machine this slow a second call would cost minutes for ResNet-50).
     */
    private static Map<String, Object> timeScoringAndStep(Experiment e) {
        ExperimentData data = e.data().get();
        DlModel model = e.network().factory().create(0);
        int bigB = Math.min(e.protocol().presample(), data.train().size());
        int b = e.protocol().batchSize();
        DataSet scoring = data.train().get(range(bigB));
        DataSet step = data.train().get(range(b));
        double[] ones = new double[b];
        java.util.Arrays.fill(ones, 1.0);
        long t0 = System.nanoTime();
        model.forward(scoring, bigB);
        double scoreSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        model.weightedStep(step, ones);
        double stepSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scoringSeconds", scoreSeconds);
        m.put("uniformStepSeconds", stepSeconds);
        m.put("parameters", model.numParams());
        return m;
    }

    private static int[] range(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }

    /** Joins the shards' dry-run.json files into one, and writes dry-run.md: one line per experiment and method. */
    @SuppressWarnings("unchecked")
    private int merge() throws IOException {
        List<Map<String, Object>> experiments = new ArrayList<>();
        Map<String, Object> doc = null;
        boolean complete = true;
        for (Path dir : merge) {
            Path f = dir.resolve(FILE);
            if (!Files.isRegularFile(f)) {
                System.err.println("isrepro: " + f + " is missing: run the dry run's shard into " + dir + " first");
                return 2;
            }
            Map<String, Object> part = Json.read(f, Map.class);
            if (!SCHEMA.equals(part.get("schema"))) {
                System.err.println("isrepro: " + f + " is not a " + SCHEMA + " file");
                return 2;
            }
            if (doc == null) {
                doc = new LinkedHashMap<>(part);
            }
            experiments.addAll((List<Map<String, Object>>) part.get("experiments"));
            complete &= Boolean.TRUE.equals(part.get("complete"));
        }
        doc.put("shard", null);
        doc.put("complete", complete);
        doc.put("mergedFrom", merge.stream().map(Path::toString).toList());
        doc.put("experiments", experiments);
        Files.createDirectories(out);
        Json.writeAtomically(out.resolve(FILE), doc);
        byte[] table = DryRunTable.markdown(doc).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.isrepro.records.RecordFiles.writeWith(out.resolve("dry-run.md"), o -> o.write(table));
        System.out.println("written: " + out.resolve(FILE) + ", " + out.resolve("dry-run.md"));
        return 0;
    }
}
