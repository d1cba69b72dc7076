package org.isrepro.reproduction.experiment;

import org.isrepro.core.model.DlModel;

/** Builds a freshly initialised network for a run seed (pre-trained weights loaded where the experiment says). */
@FunctionalInterface
public interface ModelFactory {
    DlModel create(long seed);
}
