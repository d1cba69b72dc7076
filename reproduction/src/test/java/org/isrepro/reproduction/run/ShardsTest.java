package org.isrepro.reproduction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.FAST)
class ShardsTest {

    /** Random runs: costs spread over two orders of magnitude, some ties, some groups of several runs. */
    private static List<PlannedRun> randomRuns(long seed, int count) {
        Random rnd = new Random(seed);
        List<PlannedRun> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double cost = rnd.nextInt(4) == 0 ? 3600 : 60 + rnd.nextInt(10_000);
            String group = rnd.nextInt(5) == 0 ? "tuned-" + rnd.nextInt(3) : "run" + i;
            runs.add(new PlannedRun("e" + i % 7, "m" + i % 3, i, "run" + i, group, cost, "budget"));
        }
        return runs;
    }

    @Test
    void everyRunIsInExactlyOneShardForAnyShardCount() {
        for (long seed = 0; seed < 5; seed++) {
            List<PlannedRun> runs = randomRuns(seed, 40);
            for (int n = 1; n <= 45; n++) {
                List<List<PlannedRun>> shards = Shards.assign(runs, n);
                assertEquals(n, shards.size());
                Map<String, Integer> seen = new HashMap<>();
                shards.forEach(s -> s.forEach(r -> seen.merge(r.name(), 1, Integer::sum)));
                assertEquals(runs.size(), seen.size(), "n=" + n);
                int shardCount = n;
                seen.forEach((name, times) -> assertEquals(1, times, name + " with n=" + shardCount));
            }
        }
    }

    @Test
    void assignmentDependsOnlyOnTheRunsNotTheirOrder() {
        List<PlannedRun> runs = randomRuns(11, 30);
        List<PlannedRun> shuffled = new ArrayList<>(runs);
        Collections.shuffle(shuffled, new Random(3));
        for (int n : new int[] {1, 2, 3, 8}) {
            List<List<PlannedRun>> a = Shards.assign(runs, n);
            List<List<PlannedRun>> b = Shards.assign(shuffled, n);
            for (int i = 0; i < n; i++) {
                assertEquals(new HashSet<>(a.get(i)), new HashSet<>(b.get(i)), "shard " + (i + 1) + "/" + n);
            }
            assertEquals(a, Shards.assign(runs, n), "the same input must give the same shards");
        }
    }

    @Test
    void mostLoadedShardExceedsLeastLoadedByAtMostTheLargestGroup() {
        for (long seed = 0; seed < 5; seed++) {
            List<PlannedRun> runs = randomRuns(seed, 60);
            Map<String, Double> groupCost = new HashMap<>();
            runs.forEach(r -> groupCost.merge(r.group(), r.seconds(), Double::sum));
            double largest = Collections.max(groupCost.values());
            for (int n = 2; n <= 8; n++) {
                double[] loads = Shards.assign(runs, n).stream().mapToDouble(Shards::cost).toArray();
                double max = java.util.Arrays.stream(loads).max().orElseThrow();
                double min = java.util.Arrays.stream(loads).min().orElseThrow();
                assertTrue(max - min <= largest + 1e-9, "n=" + n + ": loads " + java.util.Arrays.toString(loads));
            }
        }
    }

    @Test
    void balancesByCostNotByCount() {
        // One run as expensive as the nine others together: it gets a shard to itself.
        List<PlannedRun> runs = new ArrayList<>();
        runs.add(new PlannedRun("e", "m", 0, "big", "big", 9000, "budget"));
        for (int i = 1; i < 10; i++) {
            runs.add(new PlannedRun("e", "m", i, "small" + i, "small" + i, 1000, "budget"));
        }
        List<List<PlannedRun>> shards = Shards.assign(runs, 2);
        assertEquals(9000, Shards.cost(shards.get(0)));
        assertEquals(9000, Shards.cost(shards.get(1)));
        assertEquals(Set.of(1, 9), Set.of(shards.get(0).size(), shards.get(1).size()));
    }

    @Test
    void runsOfOneGroupShareAShard() {
        List<PlannedRun> runs = randomRuns(5, 50);
        for (int n = 2; n <= 6; n++) {
            Map<String, Integer> shardOfGroup = new HashMap<>();
            List<List<PlannedRun>> shards = Shards.assign(runs, n);
            for (int i = 0; i < n; i++) {
                for (PlannedRun r : shards.get(i)) {
                    Integer before = shardOfGroup.putIfAbsent(r.group(), i);
                    assertTrue(before == null || before == i, r.group() + " split across shards with n=" + n);
                }
            }
        }
    }

    @Test
    void shardSpecIsParsedAndBadOnesAreRefused() {
        assertEquals(new Shards.Spec(3, 8), Shards.Spec.parse(" 3/8 "));
        for (String bad : new String[] {"0/4", "5/4", "1", "a/b", "1/0", "1/2/3", ""}) {
            assertThrows(IllegalArgumentException.class, () -> Shards.Spec.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Shards.assign(randomRuns(1, 3), 0));
        PlannedRun r = new PlannedRun("e", "m", 0, "same", "same", 1, "budget");
        assertThrows(IllegalArgumentException.class, () -> Shards.assign(List.of(r, r), 2));
    }

    @Test
    void paperPlanHasEveryMethodAndSeedOnceWithWallClockBudgetsAsCost() {
        List<PlannedRun> plan = Plan.of(Experiments.ids(), Scale.PAPER, null);
        Set<String> names = new HashSet<>();
        plan.forEach(r -> assertTrue(names.add(r.name()), r.name() + " planned twice"));
        int expected = 0;
        for (String id : Experiments.ids()) {
            var e = Experiments.get(id, Scale.PAPER);
            expected += e.methods().size() * e.seeds().size();
        }
        assertEquals(expected, plan.size());
        PlannedRun uniform = plan.stream().filter(r -> r.name().equals("wrn-cifar10__uniform__seed1__paper"))
                .findFirst().orElseThrow();
        assertEquals(14_400, uniform.seconds(), 1e-9, "§4.2's 4 h budget");
        assertEquals("budget", uniform.basis());
        // A tuned method: one group for its three seeds, the search (grid × 1/4 of a run) on the first seed.
        List<PlannedRun> schaul = plan.stream().filter(r -> r.experiment().equals("wrn-cifar10")
                && r.method().equals("schaul")).toList();
        assertEquals(3, schaul.size());
        assertEquals(1, schaul.stream().map(PlannedRun::group).distinct().count());
        int grid = Experiments.get("wrn-cifar10", Scale.PAPER).grid("schaul").size();
        assertEquals(14_400 * (1 + grid * 0.25), schaul.get(0).seconds(), 1e-6);
        assertEquals(14_400, schaul.get(1).seconds(), 1e-9);
    }

    @Test
    void iterationBudgetsCostTheGivenSecondsPerIteration() {
        PlannedRun assumed = Plan.of(List.of("rais-mnist-oracle"), Scale.PAPER, null).get(0);
        PlannedRun measured = Plan.of(List.of("rais-mnist-oracle"), Scale.PAPER, 0.5).get(0);
        assertEquals("assumed", assumed.basis());
        assertEquals(8_000 * Plan.ASSUMED_SECONDS_PER_ITERATION, assumed.seconds(), 1e-9);
        assertEquals("measured", measured.basis());
        assertEquals(4_000, measured.seconds(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Plan.of(List.of("rais-mnist-oracle"), Scale.PAPER, -1.0));
    }
}
