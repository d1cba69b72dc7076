package org.isrepro.core.method;

/**
 * A complete binary tree over n non-negative leaf masses with subtree sums and minima (Schaul et al.'s
 * sum-tree): O(log n) to set a leaf, to find the leaf where a cumulative mass falls, and O(1) for the total
 * and the minimum. Parents are recomputed from their children on every update, never adjusted by
 * differences, so rounding errors do not accumulate.
 */
final class SumTree {
    private final int size;
    private final int capacity;
    private final double[] sum;
    private final double[] min;

    SumTree(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a sum-tree needs at least one leaf, got " + size);
        }
        this.size = size;
        int c = 1;
        while (c < size) {
            c <<= 1;
        }
        capacity = c;
        sum = new double[2 * c];
        min = new double[2 * c];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    }

    int size() {
        return size;
    }

    /** Sets leaf i's mass; {@code inMinimum = false} keeps it out of the minimum (an empty slot). */
    void set(int i, double mass, boolean inMinimum) {
        if (!(mass >= 0) || Double.isInfinite(mass)) {
            throw new IllegalArgumentException("mass of leaf " + i + " is " + mass + "; it must be finite and >= 0");
        }
        int node = i + capacity;
        sum[node] = mass;
        min[node] = inMinimum ? mass : Double.POSITIVE_INFINITY;
        for (node >>= 1; node >= 1; node >>= 1) {
            sum[node] = sum[2 * node] + sum[2 * node + 1];
            min[node] = Math.min(min[2 * node], min[2 * node + 1]);
        }
    }

    double get(int i) {
        return sum[i + capacity];
    }

    double total() {
        return sum[1];
    }

    /** Smallest mass among the leaves kept in the minimum (+∞ if none). */
    double minimum() {
        return min[1];
    }

    /**
     * The leaf i with Σ_{j&lt;i} mass_j ≤ x &lt; Σ_{j≤i} mass_j, for x in [0, total). Never returns a leaf of
     * zero mass: where rounding sends the descent into an empty subtree it takes the other one.
     */
    int find(double x) {
        if (!(total() > 0)) {
            throw new IllegalStateException("cannot draw from a sum-tree of total mass " + total());
        }
        int node = 1;
        while (node < capacity) {
            int left = 2 * node;
            if ((x < sum[left] && sum[left] > 0) || sum[left + 1] == 0) {
                node = left;
            } else {
                x -= sum[left];
                node = left + 1;
            }
        }
        return node - capacity;
    }
}
