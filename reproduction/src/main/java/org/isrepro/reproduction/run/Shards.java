package org.isrepro.reproduction.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a matrix's planned runs into n shards, so that n machines (or n SLURM array tasks) together run
 * every run exactly once. Groups of runs ({@link PlannedRun#group()}) are placed by longest-processing-time
 * greedy: groups in decreasing expected cost (ties by group name), each onto the currently least-loaded
 * shard (ties: the lowest index). The result depends only on the runs and n, not on their order, and the
 * most-loaded shard exceeds the least-loaded one by at most the most expensive group.
 */
public final class Shards {
    private Shards() {
    }

    /** A shard as written on the command line: {@code i/n}, 1 ≤ i ≤ n. */
    public record Spec(int index, int count) {
        public Spec {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("shard must be i/n with 1 <= i <= n, got " + index + "/" + count);
            }
        }

        public static Spec parse(String text) {
            String[] parts = text.trim().split("/", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("shard must be i/n (e.g. 3/8), got '" + text + "'");
            }
            try {
                return new Spec(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shard must be i/n (e.g. 3/8), got '" + text + "'");
            }
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /**
     * The runs of each of {@code n} shards (element 0 is shard 1/n), each shard in the order of {@code runs}.
     * Run names must be unique.
     */
    public static List<List<PlannedRun>> assign(List<PlannedRun> runs, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one shard, got " + n);
        }
        Map<String, List<PlannedRun>> groups = new LinkedHashMap<>();
        Map<String, Integer> position = new LinkedHashMap<>();
        for (PlannedRun r : runs) {
            if (position.put(r.name(), position.size()) != null) {
                throw new IllegalArgumentException("run " + r.name() + " is planned twice");
            }
            groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        List<Map.Entry<String, List<PlannedRun>>> order = new ArrayList<>(groups.entrySet());
        order.sort(Comparator.comparingDouble((Map.Entry<String, List<PlannedRun>> e) -> -cost(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        double[] load = new double[n];
        List<List<PlannedRun>> shards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shards.add(new ArrayList<>());
        }
        for (Map.Entry<String, List<PlannedRun>> g : order) {
            int target = 0;
            for (int i = 1; i < n; i++) {
                if (load[i] < load[target]) {
                    target = i;
                }
            }
            load[target] += cost(g.getValue());
            shards.get(target).addAll(g.getValue());
        }
        for (List<PlannedRun> shard : shards) {
            shard.sort(Comparator.comparing(r -> position.get(r.name())));
        }
        return shards.stream().map(List::copyOf).toList();
    }

    /** The runs of one shard. */
    public static List<PlannedRun> of(List<PlannedRun> runs, Spec shard) {
        return assign(runs, shard.count()).get(shard.index() - 1);
    }

    /** Expected seconds of a list of runs. */
    public static double cost(List<PlannedRun> runs) {
        double s = 0;
        for (PlannedRun r : runs) {
            s += r.seconds();
        }
        return s;
    }
}
