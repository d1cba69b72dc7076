package org.isrepro.core.data;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A {@link SampleSource} that remembers every request, so that a test or the lockstep export (docs/framework.md)
 * can see which samples a method used.
 */
public final class RecordingSource implements SampleSource {
    private final SampleSource inner;
    public final List<int[]> requests = new ArrayList<>();

    public RecordingSource(SampleSource inner) {
        this.inner = inner;
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public DataSet get(int[] indices) {
        requests.add(indices.clone());
        return inner.get(indices);
    }

    public int[] last() {
        return requests.get(requests.size() - 1);
    }
}
