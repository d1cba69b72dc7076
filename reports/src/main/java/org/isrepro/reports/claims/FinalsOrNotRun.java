package org.isrepro.reports.claims;

import org.isrepro.reports.analysis.Finals;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.Scale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.isrepro.records.MethodIds.LOSS;
import static org.isrepro.records.MethodIds.UPPER_BOUND;

/**
 * The final values of an experiment at equal budget, or why they cannot be compared: a required method has no
 * finished run, the runs' budgets differ, or an Algorithm 1 method never importance-sampled.
 */
sealed interface FinalsOrNotRun permits FinalsOrNotRun.Present, FinalsOrNotRun.NotRun {

    record Present(Finals finals) implements FinalsOrNotRun {
    }

    /**
     * {@code measured} holds the final values that do exist; {@code neverSwitchedOn} names the Algorithm 1
     * methods whose every run kept tau ≤ tau_th (empty when runs are missing or budgets differ).
     */
    record NotRun(String reason, Map<String, Object> measured, List<String> neverSwitchedOn)
            implements FinalsOrNotRun {

        Outcome outcome() {
            return Outcome.notRun(reason, measured);
        }
    }

    static FinalsOrNotRun of(Results r, String experiment, Scale s, List<String> required) {
        Finals f = Finals.of(r.runs(), experiment, s);
        Map<String, Object> m = measured(f);
        List<String> missing = required.stream().filter(g -> !f.has(g)).toList();
        if (!missing.isEmpty()) {
            return new NotRun("no finished " + experiment + " runs of " + missing + " at " + s.id() + " scale", m,
                    List.of());
        }
        if (f.budgetProblem() != null) {
            return new NotRun(f.budgetProblem(), m, List.of());
        }
        // Comparing an Algorithm 1 method that never importance-sampled with uniform compares uniform with
        // itself (same seeds, same draws): not evidence either way.
        List<String> neverOn = required.stream().filter(g -> g.equals(LOSS) || g.equals(UPPER_BOUND))
                .filter(g -> r.runs().stream().filter(x -> x.experiment().equals(experiment) && x.scale() == s
                                && x.method().equals(g) && x.variant() == null && x.completed())
                        .mapToDouble(x -> x.summary().isIterations()).allMatch(v -> v == 0))
                .toList();
        if (!neverOn.isEmpty()) {
            m.put("neverImportanceSampled", neverOn);
            return new NotRun("importance sampling never switched on in the " + neverOn + " runs (tau stayed"
                    + " ≤ tau_th), so they repeat uniform's run: the claim is not tested at " + s.id() + " scale", m,
                    neverOn);
        }
        return new Present(f);
    }

    /** Each group's final values, and the unfinished runs left out. */
    static Map<String, Object> measured(Finals f) {
        Map<String, Object> m = new LinkedHashMap<>();
        f.groups().forEach((g, v) -> m.put(g, v.asMap()));
        if (!f.unfinished().isEmpty()) {
            m.put("unfinishedRunsIgnored", f.unfinished());
        }
        return m;
    }
}
