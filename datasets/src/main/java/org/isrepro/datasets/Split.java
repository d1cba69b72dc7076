package org.isrepro.datasets;

/** The official train / test partition of a dataset (validation is carved from TRAIN). */
public enum Split {
    TRAIN,
    TEST;

    public String lower() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
