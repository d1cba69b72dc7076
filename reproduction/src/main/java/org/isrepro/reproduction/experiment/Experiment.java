package org.isrepro.reproduction.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An experiment as data, in named parts each validated where it is built: what it reproduces
 * ({@link About}), the data, the network ({@link Network}), Algorithm 1's protocol ({@link Protocol}),
 * the budget and learning-rate schedule ({@link Training}), how it is evaluated ({@link Evaluation}), the
 * methods with their defaults and tuning grids ({@link Grids}), and the seeds. One run is experiment ×
 * method × seed.
 *
 * @param methodDefaults method parameters every method of the experiment reads unless a {@link MethodSpec}
 *                       overrides them (docs/records.md, "methodDefaults")
 */
public record Experiment(String id, Scale scale, About about, Supplier<ExperimentData> data, Network network,
                         Protocol protocol, Training training, Evaluation evaluation, List<MethodSpec> methods,
                         List<Integer> seeds, Map<String, Object> methodDefaults, Grids grids) {

    /**
     * What the experiment reproduces, for the report.
     *
     * @param standIn      what replaces the paper's setting at this scale, named in every report; null at paper scale
     * @param paperSetting the paper's own setting
     */
    public record About(String section, String title, String standIn, String paperSetting) {
        public About {
            if (section == null || section.isBlank() || title == null || title.isBlank()) {
                throw new IllegalArgumentException("an experiment needs a section and a title (the report's headings),"
                        + " got section '" + section + "', title '" + title + "'");
            }
        }
    }

    /** The network a run trains: its factory, the name the report prints, and the optimiser as described. */
    public record Network(ModelFactory factory, String description, String optimizer) {
        public Network {
            if (factory == null || description == null || optimizer == null) {
                throw new IllegalArgumentException("a network needs a factory, a description and its optimiser");
            }
        }

        public Network withOptimizer(String newOptimizer) {
            return new Network(factory, description, newOptimizer);
        }
    }

    /**
     * Algorithm 1's protocol (Katharopoulos & Fleuret 2018, §3.3): batch size b, presample size B,
     * the threshold tau_th on the variance-reduction estimate tau, and its smoothing a_tau.
     */
    public record Protocol(int batchSize, int presample, double tauTh, double aTau) {
        /** The keys a run may override with {@code --set}, as the record names them. */
        public static final List<String> KEYS = List.of("batchSize", "presample", "tauTh", "aTau");

        public Protocol {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size b must be at least 1, got " + batchSize);
            }
            if (presample <= batchSize) {
                throw new IllegalArgumentException("presample size B must exceed the batch size b (B=" + presample
                        + ", b=" + batchSize + "): Algorithm 1 resamples b of B scored examples, so B <= b cannot"
                        + " reduce the variance; the paper uses B = 3b to 5b");
            }
            if (!(tauTh >= 1) || Double.isInfinite(tauTh)) {
                throw new IllegalArgumentException("tau_th must be a finite number >= 1 (tau >= 1 always, eq. 26),"
                        + " got " + tauTh);
            }
            if (!(aTau >= 0 && aTau < 1)) {
                throw new IllegalArgumentException("a_tau (the smoothing of tau) must be in [0, 1), got " + aTau);
            }
        }

        /**
         * This protocol with the values of {@code set} whose keys are in {@link #KEYS} replaced, all at once (so
         * that b and B may change together), and validated again; other keys are left to the method.
         */
        public Protocol with(Map<String, Object> set) {
            return new Protocol((int) value(set, "batchSize", batchSize, true),
                    (int) value(set, "presample", presample, true), value(set, "tauTh", tauTh, false),
                    value(set, "aTau", aTau, false));
        }

        private static double value(Map<String, Object> set, String key, double current, boolean integer) {
            Object v = set.get(key);
            if (v == null) {
                return current;
            }
            if (!(v instanceof Number n) || (integer && n.doubleValue() != Math.rint(n.doubleValue()))) {
                throw new IllegalArgumentException("protocol parameter " + key + " must be " + (integer ? "an integer"
                        : "a number") + ", got '" + v + "'");
            }
            return n.doubleValue();
        }
    }

    /** How long a run trains and at which learning rate (both validate themselves). */
    public record Training(Budget budget, LrSchedule schedule) {
        public Training {
            if (budget == null || schedule == null) {
                throw new IllegalArgumentException("training needs a budget and a learning-rate schedule");
            }
        }
    }

    /**
     * How often and on how many samples a run is evaluated: {@code evaluations} evenly spaced points of the
     * budget, the training loss on {@code trainSize} fixed training samples, test error on {@code testSize}.
     */
    public record Evaluation(int evaluations, int trainSize, int testSize) {
        public Evaluation {
            if (evaluations < 1 || trainSize < 1 || testSize < 1) {
                throw new IllegalArgumentException("evaluation points and sizes must be positive, got "
                        + evaluations + " points on " + trainSize + " training and " + testSize + " test samples");
            }
        }
    }

    /**
     * Candidate overrides for methods whose setting is chosen on validation data (§4.2's history baselines,
     * appendix C), each candidate trained for {@code budgetFraction} of the budget.
     */
    public record Grids(Map<String, List<Map<String, Object>>> byMethod, double budgetFraction) {
        public static final Grids NONE = new Grids(Map.of(), 0.25);

        public Grids {
            if (!(budgetFraction > 0 && budgetFraction <= 1)) {
                throw new IllegalArgumentException("a tuning candidate trains for a fraction of the budget in (0, 1],"
                        + " got " + budgetFraction);
            }
            for (Map.Entry<String, List<Map<String, Object>>> g : byMethod.entrySet()) {
                if (g.getValue().isEmpty()) {
                    throw new IllegalArgumentException("the grid of " + g.getKey() + " has no candidate; leave the"
                            + " method out of the grids instead");
                }
            }
            byMethod = Map.copyOf(byMethod);
        }
    }

    public Experiment {
        if (id == null || id.isBlank() || scale == null || data == null) {
            throw new IllegalArgumentException("an experiment needs an id, a scale and its data");
        }
        if (methods.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException(id + ": an experiment needs at least one method and one seed");
        }
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
        methodDefaults = Map.copyOf(methodDefaults);
    }

    /** The same experiment under another id with another budget (hyper-parameter tuning runs). */
    public Experiment withIdAndBudget(String newId, Budget newBudget) {
        return new Experiment(newId, scale, about, data, network, protocol, new Training(newBudget,
                training.schedule()), evaluation, methods, seeds, methodDefaults, grids);
    }

    /** The same experiment with another protocol (a run's {@code --set}). */
    public Experiment withProtocol(Protocol newProtocol) {
        return new Experiment(id, scale, about, data, network, newProtocol, training, evaluation, methods, seeds,
                methodDefaults, grids);
    }

    /** Candidate overrides for a method whose setting is chosen on validation data (empty: none). */
    public List<Map<String, Object>> grid(String method) {
        return grids.byMethod().getOrDefault(method, List.of());
    }

    public MethodSpec method(String label) {
        for (MethodSpec m : methods) {
            if (m.label().equals(label) || (m.variant() == null && m.method().equals(label))) {
                return m;
            }
        }
        List<String> labels = methods.stream().map(MethodSpec::label).toList();
        throw new IllegalArgumentException("experiment " + id + " has no method '" + label + "'; it has " + labels);
    }

    /** The configuration written into every run record (docs/records.md). */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("experiment", id);
        d.put("section", about.section());
        d.put("title", about.title());
        d.put("scale", scale.id());
        d.put("standIn", about.standIn());
        d.put("paperSetting", about.paperSetting());
        d.put("model", network.description());
        d.put("optimizer", network.optimizer());
        d.put("batchSize", protocol.batchSize());
        d.put("presample", protocol.presample());
        d.put("tauTh", protocol.tauTh());
        d.put("aTau", protocol.aTau());
        Budget budget = training.budget();
        d.put("budget", Map.of("unit", budget.unit().name().toLowerCase(Locale.ROOT), "amount", budget.amount()));
        d.put("lrSchedule", Map.of("initial", training.schedule().initial(), "drops", training.schedule().drops()));
        d.put("evaluations", evaluation.evaluations());
        d.put("trainEvalSize", evaluation.trainSize());
        d.put("testEvalSize", evaluation.testSize());
        d.put("seeds", seeds);
        // the record's one map of defaults: the tuning grids are stated in it as they always were
        Map<String, Object> defaults = new LinkedHashMap<>(methodDefaults);
        if (!grids.byMethod().isEmpty()) {
            defaults.put("grids", grids.byMethod());
            defaults.put("gridBudgetFraction", grids.budgetFraction());
        }
        d.put("methodDefaults", defaults);
        return d;
    }
}
