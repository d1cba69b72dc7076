package org.isrepro.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The one seeded shuffle draws what the five hand-written copies it replaced drew (evaluation subsets, the
 * experiments' subsets, permuted-pixel sequences, the reviewer's training subset, validation splits): the
 * expected arrays were printed by those copies, so a change of draw order changes every committed record.
 */
@Tag(Tags.FAST)
class PermutationsTest {

    @Test
    void theExperimentsSubsetSeedGivesTheOldPermutation() {
        assertArrayEquals(new int[] {2, 14, 5, 12, 4, 0, 6, 13, 1, 18, 3, 8, 9, 19, 17, 11, 15, 7, 10, 16},
                Permutations.of(20, 7L));
    }

    @Test
    void theEvaluationSubsetSeedGivesTheOldFirstFive() {
        assertArrayEquals(new int[] {16, 19, 10, 5, 8}, Permutations.firstOf(20, 5, 20180710L));
    }

    @Test
    void thePermutedSequenceSeedGivesTheOldPixelOrder() {
        assertArrayEquals(new int[] {4, 0, 11, 8, 7, 3, 9, 1, 10, 15, 2, 12, 5, 13, 6, 14}, Permutations.of(16, 42L));
    }

    @Test
    void theTrainingSubsetSeedGivesTheOldQuarter() {
        assertArrayEquals(new int[] {19, 10, 17, 16, 2}, Permutations.firstOf(20, 5, 2018L));
    }

    @Test
    void shufflingInPlaceContinuesOneStreamAcrossArrays() {
        // ValidationSplit shuffles each class with the same generator in turn: the second array's draws follow
        // the first's, as one permutation of the concatenation would not.
        SplittableRandom r = new SplittableRandom(7L);
        int[] a = {0, 1, 2};
        int[] b = {3, 4, 5, 6};
        Permutations.shuffle(a, r);
        Permutations.shuffle(b, r);
        SplittableRandom again = new SplittableRandom(7L);
        again.nextInt(3);
        again.nextInt(2);
        int[] expectedB = {3, 4, 5, 6};
        Permutations.shuffle(expectedB, again);
        assertArrayEquals(expectedB, b);
    }

    @Test
    void aSubsetLargerThanTheSetIsTheWholePermutation() {
        assertArrayEquals(Permutations.of(6, 3L), Permutations.firstOf(6, 100, 3L));
        assertEquals(0, Permutations.firstOf(0, 5, 3L).length);
    }

    @Test
    void everyIndexAppearsOnce() {
        int[] p = Permutations.of(1000, 11L);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        int[] identity = new int[1000];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, sorted);
    }
}
