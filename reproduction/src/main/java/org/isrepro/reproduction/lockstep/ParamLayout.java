package org.isrepro.reproduction.lockstep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's flattened parameter vector (and its gradient and updater state, which share its layout) cut into
 * named variables, named as {@code paramTable()} names them ({@code layer_param}, e.g. {@code stem_W},
 * {@code g0b0_bn1_mean}). Each variable is written as DL4J stores it: its slice of the flat vector, which
 * holds the variable's logical shape in the variable's own order — 'c' for convolution kernels
 * [out, in, kh, kw], 'f' for dense weights [nIn, nOut] (that is, [nOut, nIn] in C order, PyTorch's layout).
 * {@link #describe} states both, so a reader can rebuild the logical array.
 */
public final class ParamLayout {

    /** One variable: its slice [start, end) of the flat vector, its shape and the order of that slice. */
    public record Entry(String name, int start, int end, long[] shape, char order) {
    }

    /** One slice of the updater state: {@code part} 0..k-1 of a variable (Nesterovs: V; Adam: M, V). */
    public record StateEntry(String name, int part, int start, long[] shape, char order) {
    }

    private final List<Entry> params = new ArrayList<>();
    private final List<StateEntry> state = new ArrayList<>();

    public ParamLayout(org.deeplearning4j.nn.api.Model network) {
        BaseMultiLayerUpdater<?> updater = network instanceof MultiLayerNetwork m
                ? (BaseMultiLayerUpdater<?>) m.getUpdater()
                : (BaseMultiLayerUpdater<?>) ((ComputationGraph) network).getUpdater();
        int stateOffset = 0;
        Map<String, INDArray> table = network.paramTable();
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            int blockParams = block.getParamOffsetEnd() - block.getParamOffsetStart();
            INDArray view = block.getUpdaterView();
            long stateLength = view == null ? 0 : view.length();
            int parts = blockParams == 0 ? 0 : (int) (stateLength / blockParams);
            if ((long) parts * blockParams != stateLength) {
                throw new IllegalStateException("updater block of " + blockParams + " parameters has a state of "
                        + stateLength + " values, not a multiple");
            }
            for (UpdaterBlock.ParamState ps : block.getLayersAndVariablesInBlock()) {
                String name = layerName(ps.getLayer()) + "_" + ps.getParamName();
                INDArray v = table.get(name);
                if (v == null || v.length() != ps.getParamOffsetEnd() - ps.getParamOffsetStart()) {
                    throw new IllegalStateException("updater variable " + name + " has no parameter of its size in"
                            + " the network's paramTable " + table.keySet());
                }
                params.add(new Entry(name, ps.getParamOffsetStart(), ps.getParamOffsetEnd(), v.shape(), v.ordering()));
                for (int part = 0; part < parts; part++) {
                    int start = stateOffset + part * blockParams + ps.getParamOffsetStart()
                            - block.getParamOffsetStart();
                    state.add(new StateEntry(name, part, start, v.shape(), v.ordering()));
                }
            }
            stateOffset += (int) stateLength;
        }
    }

    /** A graph's updater sees its vertices, a multi-layer network's its layers (named by index in paramTable). */
    private static String layerName(Trainable t) {
        if (t instanceof GraphVertex v) {
            return v.getVertexName();
        }
        return String.valueOf(((Layer) t).getIndex());
    }

    public List<Entry> params() {
        return params;
    }

    public List<StateEntry> state() {
        return state;
    }

    /** The flat parameter (or gradient) vector as the concatenation of its named variables (each as stored). */
    public float[] named(INDArray flat) {
        INDArray row = flat.reshape(flat.length());
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (Entry e : params) {
            float[] v = slice(row, e.start(), e.end() - e.start());
            parts.add(v);
            total += v.length;
        }
        return concat(parts, total);
    }

    /** The updater state as the concatenation of its named slices (each laid out as its variable). */
    public float[] namedState(INDArray flatState) {
        INDArray row = flatState.reshape(flatState.length());
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (StateEntry e : state) {
            int n = (int) length(e.shape());
            float[] v = slice(row, e.start(), n);
            parts.add(v);
            total += v.length;
        }
        return concat(parts, total);
    }

    /** A JSON description of both layouts, in the order {@link #named} and {@link #namedState} write. */
    public Map<String, Object> describe() {
        List<Map<String, Object>> p = new ArrayList<>();
        for (Entry e : params) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("shape", e.shape());
            m.put("order", String.valueOf(e.order()));
            p.add(m);
        }
        List<Map<String, Object>> s = new ArrayList<>();
        for (StateEntry e : state) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("part", e.part());
            m.put("shape", e.shape());
            m.put("order", String.valueOf(e.order()));
            s.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("params", p);
        out.put("state", s);
        return out;
    }

    private static float[] slice(INDArray row, int start, int n) {
        return row.get(NDArrayIndex.interval(start, start + n)).dup()
                .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
    }

    private static long length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static float[] concat(List<float[]> parts, int total) {
        float[] out = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
