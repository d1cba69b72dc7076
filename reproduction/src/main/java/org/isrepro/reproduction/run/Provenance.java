package org.isrepro.reproduction.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.isrepro.core.model.OneDnn;
import org.isrepro.records.Provenance.Backend;
import org.isrepro.records.Provenance.Threads;
import org.nd4j.linalg.factory.Nd4j;

/** This process's provenance ({@link org.isrepro.records.Provenance}): what only reproduction knows is the backend it loaded. */
public final class Provenance {
    private Provenance() {
    }

    public static org.isrepro.records.Provenance collect(Map<String, String> datasetChecksums) {
        return org.isrepro.records.Provenance.collect(org.isrepro.records.Provenance.repository(), backend(),
                datasetChecksums);
    }

    /** The loaded ND4J backend, the versions this build was made with, ND4J's threads and what chose its kernels. */
    public static Backend backend() {
        Properties build = buildProperties();
        return new Backend(Nd4j.getBackend().getClass().getSimpleName(), build.getProperty("nd4j.backend"),
                OneDnn.active(), build.getProperty("dl4j.version"), build.getProperty("project.version"), threads(),
                Kernels.collect());
    }

    /**
     * ND4J's OpenMP/BLAS threads. Records are identical only at the same thread count (docs/records.md,
     * "Determinism"): a parallel sum adds in an order that depends on how the work is split.
     */
    public static Threads threads() {
        return Threads.of(Nd4j.getEnvironment().maxThreads());
    }

    private static Properties buildProperties() {
        Properties props = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/isrepro.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException ignored) {
            // provenance then says null for the versions rather than failing a run
        }
        return props;
    }
}
