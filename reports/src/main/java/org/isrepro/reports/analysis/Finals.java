package org.isrepro.reports.analysis;

import org.isrepro.reports.records.Point;
import org.isrepro.reports.records.RunRecord;
import org.isrepro.reports.records.Scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Final values at equal budget: the last series point of each finished run, averaged over seeds
 * per (method, variant). A group with a diverged seed counts as never having reached anything:
 * its final loss and error are +Infinity, so it loses every "lower is better" comparison.
 * Unfinished ({@code running}) runs are left out and listed.
 */
public record Finals(String experiment, Scale scale, Map<String, Group> groups, List<String> unfinished,
                     String budgetProblem) {

    public record Group(String name, int seeds, int diverged, double trainLoss, double testError,
                        List<Double> trainLossPerSeed, List<Double> testErrorPerSeed) {

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seeds", seeds);
            if (diverged > 0) {
                m.put("divergedSeeds", diverged);
            }
            m.put("finalTrainLoss", trainLoss);
            m.put("finalTestError", testError);
            return m;
        }
    }

    public static Finals of(List<RunRecord> runs, String experiment, Scale scale) {
        List<RunRecord> mine = runs.stream()
                .filter(r -> r.experiment().equals(experiment) && r.scale() == scale).toList();
        List<String> unfinished = new ArrayList<>();
        TreeSet<String> budgets = new TreeSet<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Map.Entry<String, List<RunRecord>> e : Curves.byGroup(mine).entrySet()) {
            List<Double> loss = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            int diverged = 0;
            for (RunRecord r : e.getValue()) {
                if (!r.completed() && !r.diverged()) {
                    unfinished.add(r.file().getFileName().toString());
                    continue;
                }
                budgets.add(Objects.toString(r.budget()));
                Point last = r.last();
                if (r.diverged() || last == null) {
                    diverged++;
                    loss.add(Double.POSITIVE_INFINITY);
                    err.add(Double.POSITIVE_INFINITY);
                } else {
                    loss.add(last.trainLoss());
                    err.add(last.testError());
                }
            }
            if (!loss.isEmpty()) {
                groups.put(e.getKey(), new Group(e.getKey(), loss.size(), diverged, Curves.mean(loss),
                        Curves.mean(err), List.copyOf(loss), List.copyOf(err)));
            }
        }
        String problem = budgets.size() > 1 ? "runs of " + experiment + " at " + scale.id()
                + " scale have different budgets " + budgets + ": not an equal-budget comparison" : null;
        return new Finals(experiment, scale, groups, List.copyOf(unfinished), problem);
    }

    public Group get(String group) {
        return groups.get(group);
    }

    public boolean has(String group) {
        return groups.containsKey(group);
    }
}
