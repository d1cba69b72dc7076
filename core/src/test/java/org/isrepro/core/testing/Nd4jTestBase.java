package org.isrepro.core.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Owns ND4J's global state for tests: double precision (the exactness tests compare to 1e-8) and a
 * per-test timeout so a hung native call fails instead of stalling CI.
 */
@Tag(Tags.FAST)
@Timeout(120)
public abstract class Nd4jTestBase {
    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }
}
