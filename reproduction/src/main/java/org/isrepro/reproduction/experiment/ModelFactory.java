package org.isrepro.reproduction.experiment;

import java.util.Map;
import java.util.Set;
import org.isrepro.core.model.DlModel;

/** Builds a freshly initialised network for a run seed (pre-trained weights loaded where the experiment says). */
@FunctionalInterface
public interface ModelFactory {
    DlModel create(long seed);

    /**
     * A network for a method with these hyper-parameters; factories that honour none (the default) ignore
     * them. The §4.2 WRN honours {@code momentum} (appendix C runs the variance-reduced methods on plain SGD).
     */
    default DlModel create(long seed, Map<String, Object> methodParams) {
        return create(seed);
    }

    /**
     * The network as a run's record names it: {@code declared} (the experiment's description), or what the
     * method's parameters made of it (the §4.2 WRN's {@code norm=batch}).
     */
    default String describe(String declared, Map<String, Object> methodParams) {
        return declared;
    }

    /** The method parameters {@link #create(long, Map)} honours (none by default). */
    default Set<String> params() {
        return Set.of();
    }
}
