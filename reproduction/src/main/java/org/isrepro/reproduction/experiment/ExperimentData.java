package org.isrepro.reproduction.experiment;

import java.util.Map;
import org.isrepro.datasets.IndexedDataset;

/** The datasets of one experiment: training, validation (carved from training), test, and checksums. */
public record ExperimentData(IndexedDataset train, IndexedDataset validation, IndexedDataset test) {

    public Map<String, String> checksums() {
        return Map.of(train.name(), train.checksum(), validation.name(), validation.checksum(), test.name(),
                test.checksum());
    }
}
