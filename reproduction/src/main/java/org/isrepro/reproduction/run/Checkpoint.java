package org.isrepro.reproduction.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.isrepro.records.RecordFiles;
import org.isrepro.records.SeriesPoint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything a run needs to continue after a kill: the network's parameters and optimiser state, the
 * method's state (tau, histories, snapshots), the clocks, counters and the series so far. Random draws
 * need no state (see {@link Rng}). One file, written atomically.
 */
public record Checkpoint(Map<String, Object> runState, List<SeriesPoint> series, Map<String, Object> methodState,
                         INDArray params, INDArray optimizerState) {
    private static final String MAGIC = "ISREPRO-CHECKPOINT-1";

    public void write(Path file) {
        RecordFiles.writeWith(file, out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.writeUTF(MAGIC);
            byte[] json = Json.MAPPER.writeValueAsBytes(Map.of("run", runState, "series", series, "method",
                    methodState));
            data.writeInt(json.length);
            data.write(json);
            Nd4j.write(params, data);
            data.writeBoolean(optimizerState.length() > 0);
            if (optimizerState.length() > 0) {
                Nd4j.write(optimizerState, data);
            }
            data.flush();
        });
    }

    public static Checkpoint read(Path file) {
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            String magic = data.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IOException("not an isrepro checkpoint (header '" + magic + "')");
            }
            byte[] json = new byte[data.readInt()];
            data.readFully(json);
            Map<String, Object> top = Json.MAPPER.readValue(new String(json, StandardCharsets.UTF_8),
                    new TypeReference<Map<String, Object>>() { });
            List<SeriesPoint> series = Json.MAPPER.convertValue(top.get("series"),
                    new TypeReference<List<SeriesPoint>>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> run = (Map<String, Object>) top.get("run");
            @SuppressWarnings("unchecked")
            Map<String, Object> method = (Map<String, Object>) top.get("method");
            INDArray params = Nd4j.read(data);
            INDArray opt = data.readBoolean() ? Nd4j.read(data) : Nd4j.empty();
            return new Checkpoint(run, series, method, params, opt);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            IOException io = new IOException("checkpoint " + file + " is unreadable (" + why + "); delete it to start"
                    + " the run afresh", e);
            throw new UncheckedIOException(io.getMessage(), io);
        }
    }
}
