package org.isrepro.reproduction.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An experiment as data: what is trained (model, data, optimiser, schedule), for how long (budget), how
 * it is evaluated, with which methods and seeds, at which scale. One run is experiment × method × seed.
 *
 * @param standIn      what replaces the paper's setting at this scale, named in every report; null at paper scale
 * @param paperSetting the paper's own setting, for the report
 * @param methodDefaults hyper-parameters methods read unless a {@link MethodSpec} overrides them
 */
public record Experiment(String id, String section, String title, Scale scale, String standIn,
                         String paperSetting, Supplier<ExperimentData> data, ModelFactory model,
                         String modelDescription, String optimizer, int batchSize, int presample, double tauTh,
                         double aTau, Budget budget, LrSchedule schedule, int evaluations, int trainEvalSize,
                         int testEvalSize, List<MethodSpec> methods, List<Integer> seeds,
                         Map<String, Object> methodDefaults) {

    public Experiment {
        if (batchSize < 1 || presample <= batchSize) {
            throw new IllegalArgumentException(id + ": need b >= 1 and B > b, got b=" + batchSize + ", B=" + presample);
        }
        if (evaluations < 1 || trainEvalSize < 1 || testEvalSize < 1) {
            throw new IllegalArgumentException(id + ": evaluation sizes must be positive");
        }
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
        methodDefaults = Map.copyOf(methodDefaults);
    }

    /** The same experiment under another id with another budget (hyper-parameter tuning runs). */
    public Experiment withIdAndBudget(String newId, Budget newBudget) {
        return new Experiment(newId, section, title, scale, standIn, paperSetting, data, model, modelDescription,
                optimizer, batchSize, presample, tauTh, aTau, newBudget, schedule, evaluations, trainEvalSize,
                testEvalSize, methods, seeds, methodDefaults);
    }

    /** Candidate overrides for a method whose setting is chosen on validation data (empty: none). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> grid(String method) {
        Object grids = methodDefaults.get("grids");
        if (!(grids instanceof Map<?, ?> m) || !(m.get(method) instanceof List<?> l)) {
            return List.of();
        }
        return (List<Map<String, Object>>) l;
    }

    /** Fraction of the budget each tuning candidate trains for. */
    public double gridBudgetFraction() {
        Object f = methodDefaults.get("gridBudgetFraction");
        return f instanceof Number n ? n.doubleValue() : 0.25;
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

    /** The configuration written into every run record. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("experiment", id);
        d.put("section", section);
        d.put("title", title);
        d.put("scale", scale.id());
        d.put("standIn", standIn);
        d.put("paperSetting", paperSetting);
        d.put("model", modelDescription);
        d.put("optimizer", optimizer);
        d.put("batchSize", batchSize);
        d.put("presample", presample);
        d.put("tauTh", tauTh);
        d.put("aTau", aTau);
        d.put("budget", Map.of("unit", budget.unit().name().toLowerCase(java.util.Locale.ROOT), "amount",
                budget.amount()));
        d.put("lrSchedule", Map.of("initial", schedule.initial(), "drops", schedule.drops()));
        d.put("evaluations", evaluations);
        d.put("trainEvalSize", trainEvalSize);
        d.put("testEvalSize", testEvalSize);
        d.put("seeds", seeds);
        d.put("methodDefaults", methodDefaults);
        return d;
    }
}
