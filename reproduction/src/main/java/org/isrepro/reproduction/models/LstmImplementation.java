package org.isrepro.reproduction.models;

/**
 * Which implementation runs §4.4's LSTM: libnd4j's whole-sequence op ({@link NativeLstm}, the default) or
 * DL4J's own {@code LSTM} layer, kept as a fallback. Both compute the same function from the same initial
 * parameters (docs/benchmarks.md, "The LSTM on libnd4j's lstmLayer"); the choice is the system property
 * {@value #PROPERTY}, which the matrix passes on to its child processes.
 */
public enum LstmImplementation {
    NATIVE, DL4J;

    public static final String PROPERTY = "isrepro.lstm";

    /** The implementation the property selects; an unknown value fails with the accepted ones. */
    public static LstmImplementation selected() {
        return Implementations.selected(LstmImplementation.class, PROPERTY, NATIVE, "an LSTM implementation",
                "'native' (libnd4j's lstmLayer op, the default) or 'dl4j' (DL4J's LSTM layer)");
    }
}
