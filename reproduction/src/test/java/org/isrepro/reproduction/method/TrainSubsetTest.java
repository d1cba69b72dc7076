package org.isrepro.reproduction.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

@Tag(Tags.FAST)
class TrainSubsetTest {

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
