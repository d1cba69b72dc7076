package org.isrepro.reproduction.lockstep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.isrepro.core.data.RecordingSource;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.StepReport;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.ForwardingModel;
import org.isrepro.core.model.Model;
import org.isrepro.core.score.UpperBoundScorer;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.records.RecordFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Writes what the PyTorch twin needs to take a DL4J run's steps itself (docs/framework.md, "The export").
 *
 * <p>Every step: the sample indices, importance weights (Algorithm 1, line 9; ones on a uniform step), learning
 * rate, whether it was importance-sampled, the loss DL4J reported, and the upper-bound scores (eq. 20) of the
 * presample (importance-sampled steps, inference mode) or of the training batch (uniform steps, training mode).
 * At checkpoint steps — every {@code every}-th uniform and every {@code every}-th importance-sampled step, and
 * the first of each — the parameters and updater state before and after the step and the per-variable gradient
 * of the step's weighted data loss before it; at the first {@code activationCheckpoints} of each kind also every
 * layer's training-mode activations. The run's parameters at each evaluation serve the free-running comparison.
 *
 * <p>The per-step arrays and the manifest are rewritten at every evaluation (status "running") and when the run
 * ends. Recording never changes what the run computes: the wrappers pass every call through, and gradients and
 * activations are taken on a clone of the network.
 */
public final class LockstepExport {
    public static final String SCHEMA = "isrepro.lockstep-export/1";

    private final Path dir;
    private final int every;
    private final int activationCheckpoints;
    private final UpperBoundScorer upperBound = new UpperBoundScorer();

    private DlModel model;
    private ParamLayout layout;
    // what the current step did, as the wrappers saw it
    private RecordingSource source;
    private double[] stepWeights;
    private DataSet stepBatch;
    private double[] presampleScores;
    private INDArray paramsBefore;
    private INDArray stateBefore;
    private int iterationCountBefore;
    private long iteration;
    private double lr;
    // per step
    private final List<int[]> indices = new ArrayList<>();
    private final List<double[]> weights = new ArrayList<>();
    private final List<int[]> presamples = new ArrayList<>();
    private final List<double[]> scores = new ArrayList<>();
    private final List<double[]> batchScores = new ArrayList<>();
    private final List<Double> lrs = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final List<Boolean> sampled = new ArrayList<>();
    private int uniformSteps;
    private int importanceSteps;
    private final List<Map<String, Object>> checkpoints = new ArrayList<>();
    private final List<Map<String, Object>> evaluations = new ArrayList<>();

    public LockstepExport(Path dir, int every, int activationCheckpoints) {
        if (every < 1) {
            throw new IllegalArgumentException("lockstep checkpoint interval must be >= 1 step, got " + every);
        }
        this.dir = dir;
        this.every = every;
        this.activationCheckpoints = activationCheckpoints;
    }

    /**
     * The data subsets the run trains and is evaluated on, the run's configuration and the initial parameters;
     * {@code otherSeed} is the same network built for another run seed, which tells the variables a run seed draws
     * from those it does not (pre-trained weights of §4.3's fine-tuning, constant initialisations).
     */
    public void start(DlModel model, DlModel otherSeed, Map<String, Object> config,
                      org.isrepro.records.Provenance provenance, IndexedDataset train, IndexedDataset validation,
                      IndexedDataset test, int[] trainEvalSubset) {
        this.model = model;
        this.layout = new ParamLayout(model.network());
        writeSet("train", train);
        writeSet("validation", validation);
        writeSet("test", test);
        Npy.writeLong(dir.resolve("train_eval_indices.npy"), Arrays.stream(trainEvalSubset).asLongStream().toArray(),
                trainEvalSubset.length);
        float[] initial = layout.named(model.params());
        Npy.writeFloat(dir.resolve("params_initial.npy"), initial, initial.length);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("schema", SCHEMA);
        meta.put("config", config);
        meta.put("provenance", provenance);
        meta.put("sampleShape", train.sampleShape());
        meta.put("classes", train.numClasses());
        meta.put("trainSize", train.size());
        meta.put("costModel", "a uniform step of b costs 3b units, an importance-sampled step B + 3b (§3.3)");
        meta.put("network", networkJson(model));
        meta.put("layout", layout.describe());
        meta.put("initialisation", initialisation(initial, layout.named(otherSeed.params())));
        RecordFiles.write(dir.resolve("meta.json"), meta);
    }

    /**
     * Which variables the run seed draws and which it does not: an independent run with its own seed draws the
     * former with DL4J's scheme (the network configuration's weightInit) and takes the latter from
     * {@code params_initial.npy}, as a fine-tuning run takes its pre-trained backbone (§4.3).
     */
    private Map<String, Object> initialisation(float[] initial, float[] other) {
        List<String> drawn = new ArrayList<>();
        List<String> same = new ArrayList<>();
        int at = 0;
        for (ParamLayout.Entry e : layout.params()) {
            int n = e.end() - e.start();
            boolean equal = Arrays.equals(initial, at, at + n, other, at, at + n);
            (equal ? same : drawn).add(e.name());
            at += n;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("drawnFromSeed", drawn);
        m.put("sameForEverySeed", same);
        return m;
    }

    private static Object networkJson(DlModel model) {
        String json = model.network() instanceof MultiLayerNetwork m ? m.getLayerWiseConfigurations().toJson()
                : ((ComputationGraph) model.network()).getConfiguration().toJson();
        try {
            return RecordFiles.MAPPER.readValue(json, Object.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writeSet(String name, IndexedDataset set) {
        int[] all = new int[set.size()];
        Arrays.setAll(all, i -> i);
        DataSet d = set.get(all);
        long[] shape = d.getFeatures().shape();
        Npy.writeFloat(dir.resolve(name + "_x.npy"), d.getFeatures().dup('c').castTo(
                org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat(), shape);
        long[] labels = new long[set.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = set.label(i);
        }
        Npy.writeLong(dir.resolve(name + "_y.npy"), labels, labels.length);
    }

    /** The training set as the method sees it, recording which samples each step asks for. */
    public SampleSource wrap(SampleSource source) {
        this.source = new RecordingSource(source);
        return this.source;
    }

    /** The model as the method sees it, recording scoring passes and the weighted step. */
    public Model wrap(DlModel inner) {
        return new ForwardingModel(inner) {
            @Override
            public ForwardResult forward(DataSet batch, int chunkSize) {
                ForwardResult f = inner.forward(batch, chunkSize);
                presampleScores = upperBound.fromForward(f);
                return f;
            }

            @Override
            public double weightedStep(DataSet batch, double[] w) {
                stepBatch = batch;
                stepWeights = w == null ? null : w.clone();
                return inner.weightedStep(batch, w);
            }
        };
    }

    public void beginStep(long iteration, double learningRate) {
        this.iteration = iteration;
        this.lr = learningRate;
        source.requests.clear();
        stepWeights = null;
        stepBatch = null;
        presampleScores = null;
        paramsBefore = model.params();
        stateBefore = model.optimizerState();
        iterationCountBefore = model.iterationCount();
    }

    public void endStep(StepReport report) {
        List<int[]> gets = source.requests;
        if (gets.isEmpty() || stepBatch == null) {
            throw new IllegalStateException("step " + iteration + " took no weighted step through the recorded"
                    + " model; the lockstep export supports uniform and Algorithm 1 methods");
        }
        int[] idx = gets.get(gets.size() - 1);
        boolean is = report.importanceSampled();
        indices.add(idx);
        weights.add(stepWeights);
        presamples.add(gets.size() > 1 ? gets.get(0) : null);
        scores.add(gets.size() > 1 ? presampleScores : null);
        ForwardResult seen = model.lastTrainingForward();
        batchScores.add(seen == null ? null : upperBound.fromForward(seen));
        lrs.add(lr);
        losses.add(report.loss());
        sampled.add(is);
        int k = is ? importanceSteps++ : uniformSteps++;
        if (k % every == 0) {
            checkpoint(is, k / every < activationCheckpoints);
        }
    }

    private void checkpoint(boolean is, boolean activations) {
        String id = String.format(java.util.Locale.ROOT, "step%06d", iteration);
        Path c = dir.resolve("checkpoints").resolve(id);
        float[] before = layout.named(paramsBefore);
        Npy.writeFloat(c.resolve("params_before.npy"), before, before.length);
        float[] after = layout.named(model.params());
        Npy.writeFloat(c.resolve("params_after.npy"), after, after.length);
        float[] sb = layout.namedState(stateBefore);
        Npy.writeFloat(c.resolve("state_before.npy"), sb, sb.length);
        float[] sa = layout.namedState(model.optimizerState());
        Npy.writeFloat(c.resolve("state_after.npy"), sa, sa.length);
        // Gradients and activations at θ before the step, on a clone so the run's network is untouched.
        org.deeplearning4j.nn.api.Model copy = model.network() instanceof MultiLayerNetwork m ? m.clone()
                : ((ComputationGraph) model.network()).clone();
        DlModel probe = copy instanceof MultiLayerNetwork m ? DlModel.of(m) : DlModel.of((ComputationGraph) copy);
        probe.setParams(paramsBefore);
        float[] g = layout.named(probe.gradient(stepBatch, stepWeights));
        Npy.writeFloat(c.resolve("gradient.npy"), g, g.length);
        List<Map<String, Object>> acts = new ArrayList<>();
        if (activations) {
            probe.setParams(paramsBefore);
            INDArray x = stepBatch.getFeatures().castTo(paramsBefore.dataType());
            Map<String, INDArray> byName = new LinkedHashMap<>();
            if (copy instanceof ComputationGraph graph) {
                byName.putAll(graph.feedForward(x, true));
            } else {
                List<INDArray> list = ((MultiLayerNetwork) copy).feedForward(x, true);
                for (int i = 0; i < list.size(); i++) {
                    byName.put(i == 0 ? "input" : String.valueOf(i - 1), list.get(i));
                }
            }
            for (Map.Entry<String, INDArray> en : byName.entrySet()) {
                INDArray a = en.getValue().dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
                String file = "act_" + en.getKey().replaceAll("[^A-Za-z0-9_]", "_") + ".npy";
                Npy.writeFloat(c.resolve(file), a.data().asFloat(), a.shape());
                acts.add(Map.of("name", en.getKey(), "file", file));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", iteration);
        m.put("dir", "checkpoints/" + id);
        m.put("importanceSampled", is);
        m.put("learningRate", lr);
        m.put("loss", losses.get(losses.size() - 1));
        m.put("dl4jIterationCount", iterationCountBefore);
        m.put("activations", acts);
        checkpoints.add(m);
    }

    /** The parameters at an evaluation of the run, with what DL4J measured there. */
    public void evaluation(long iteration, double trainLoss, double testError) {
        String file = String.format(java.util.Locale.ROOT, "evaluations/params_%06d.npy", iteration);
        float[] p = layout.named(model.params());
        Npy.writeFloat(dir.resolve(file), p, p.length);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", iteration);
        m.put("file", file);
        m.put("trainLoss", RecordFiles.finite(trainLoss));
        m.put("testError", RecordFiles.finite(testError));
        evaluations.add(m);
        // the steps so far: an export that is stopped or still running can be checked up to here
        write("running");
    }

    /** The per-step arrays and the manifest with the run's final status. */
    public void finish(String status) {
        write(status);
    }

    /** The per-step arrays, then the manifest, which names the status ("running" until the run ends). */
    private void write(String status) {
        int t = indices.size();
        int b = t == 0 ? 0 : indices.get(0).length;
        int bigB = presamples.stream().filter(java.util.Objects::nonNull).mapToInt(p -> p.length).max().orElse(0);
        long[] idx = new long[t * b];
        double[] w = new double[t * b];
        double[] bs = new double[t * b];
        long[] pre = new long[t * bigB];
        double[] sc = new double[t * bigB];
        Arrays.fill(pre, -1);
        Arrays.fill(sc, Double.NaN);
        Arrays.fill(bs, Double.NaN);
        double[] lr = new double[t];
        double[] loss = new double[t];
        long[] is = new long[t];
        for (int s = 0; s < t; s++) {
            int[] i = indices.get(s);
            if (i.length != b) {
                throw new IllegalStateException("step " + s + " has " + i.length + " samples, step 0 " + b);
            }
            for (int k = 0; k < b; k++) {
                idx[s * b + k] = i[k];
                w[s * b + k] = weights.get(s) == null ? 1.0 : weights.get(s)[k];
                if (batchScores.get(s) != null) {
                    bs[s * b + k] = batchScores.get(s)[k];
                }
            }
            if (presamples.get(s) != null) {
                for (int k = 0; k < presamples.get(s).length; k++) {
                    pre[s * bigB + k] = presamples.get(s)[k];
                    sc[s * bigB + k] = scores.get(s) == null ? Double.NaN : scores.get(s)[k];
                }
            }
            lr[s] = lrs.get(s);
            loss[s] = losses.get(s);
            is[s] = sampled.get(s) ? 1 : 0;
        }
        Npy.writeLong(dir.resolve("steps_indices.npy"), idx, t, b);
        Npy.writeDouble(dir.resolve("steps_weights.npy"), w, t, b);
        Npy.writeDouble(dir.resolve("steps_batch_scores.npy"), bs, t, b);
        Npy.writeLong(dir.resolve("steps_presample.npy"), pre, t, bigB);
        Npy.writeDouble(dir.resolve("steps_scores.npy"), sc, t, bigB);
        Npy.writeDouble(dir.resolve("steps_lr.npy"), lr, t);
        Npy.writeDouble(dir.resolve("steps_loss.npy"), loss, t);
        Npy.writeLong(dir.resolve("steps_importance_sampled.npy"), is, t);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schema", SCHEMA);
        manifest.put("status", status);
        manifest.put("steps", t);
        manifest.put("uniformSteps", uniformSteps);
        manifest.put("importanceSampledSteps", importanceSteps);
        manifest.put("checkpointEvery", every);
        manifest.put("checkpoints", checkpoints);
        manifest.put("evaluations", evaluations);
        RecordFiles.write(dir.resolve("manifest.json"), manifest);
    }
}
