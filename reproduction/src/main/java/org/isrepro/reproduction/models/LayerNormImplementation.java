package org.isrepro.reproduction.models;

/**
 * How {@link LayerNorm} computes in float32 networks: in plain loops ({@link LayerNormKernel}, the default) or as
 * ND4J operations, the path of every record made before 2026-12-04 (docs/benchmarks.md, "Layer normalisation in
 * plain loops"). Both compute the same function; they round differently, so a run's records reproduce exactly only
 * on the path that made them. The choice is the system property {@value #PROPERTY}, which the matrix passes on to
 * its child processes; networks in double precision always use the operations.
 */
public enum LayerNormImplementation {
    LOOPS, OPERATIONS;

    public static final String PROPERTY = "isrepro.layernorm";

    /** The implementation the property selects; an unknown value fails with the accepted ones. */
    public static LayerNormImplementation selected() {
        return Implementations.selected(LayerNormImplementation.class, PROPERTY, LOOPS,
                "a layer normalisation implementation", "'loops' (plain loops, the default) or 'operations' (ND4J "
                        + "operations, the path of records made before 2026-12-04)");
    }
}
