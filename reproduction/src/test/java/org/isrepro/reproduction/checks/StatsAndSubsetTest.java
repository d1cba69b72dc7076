package org.isrepro.reproduction.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

@Tag(Tags.FAST)
class StatsAndSubsetTest {

    @Test
    void spearmanIsOneForMonotoneAndPearsonIsNot() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {1, 4, 9, 16, 125};
        assertEquals(1.0, Stats.spearman(x, y), 1e-12);
        assertTrue(Stats.pearson(x, y) < 0.9);
        assertEquals(-1.0, Stats.spearman(x, new double[] {5, 4, 3, 2, 1}), 1e-12);
        // ties take their average rank
        assertEquals(2.5, Stats.ranks(new double[] {1, 5, 5, 0})[1] - 1.0, 1e-12);
    }

    @Test
    void probabilitySseIsZeroForProportionalScores() {
        assertEquals(0.0, Stats.probabilitySse(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-15);
        assertEquals(2.0, Stats.probabilitySse(new double[] {1, 0}, new double[] {0, 1}), 1e-15);
    }

    /** A fifth of 50 examples: 10 distinct indices, fixed by the seed, reused for every call. */
    @Test
    void trainSubsetMapsIntoAFixedFifth() {
        int[] seen = new int[50];
        SampleSource all = new SampleSource() {
            @Override
            public int size() {
                return 50;
            }

            @Override
            public DataSet get(int[] indices) {
                for (int i : indices) {
                    seen[i]++;
                }
                return new DataSet(Nd4j.zeros(indices.length, 1), Nd4j.zeros(indices.length, 1));
            }
        };
        SampleSource fifth = TrainSubset.subset(all, 0.2);
        assertEquals(10, fifth.size());
        for (int k = 0; k < 10; k++) {
            fifth.get(new int[] {k, k});
        }
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            if (seen[i] > 0) {
                assertEquals(2, seen[i]);
                used.add(i);
            }
        }
        assertEquals(10, used.size());
        assertEquals(used.size(), new HashSet<>(used).size());
        assertThrows(IllegalArgumentException.class, () -> new TrainSubset(null, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainSubset(null, 1.5));
    }
}
