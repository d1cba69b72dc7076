package org.isrepro.reproduction.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.isrepro.records.RecordFiles;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.Uniform;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.random.Rng;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.Sources;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The §4.3 stand-in at reduced scale: a LeNet pre-trained here on one half of Fashion-MNIST's classes
 * (the "ImageNet" of the stand-in), its classifier replaced, then fine-tuned end to end on the other
 * half. Pre-training runs once per configuration and is cached (atomically) in the data directory.
 */
public final class FineTuning {
    /** Widths and pre-training schedule of the stand-in's backbone. */
    public record Backbone(int conv1, int conv2, int dense, int steps, int batchSize, double lr) {
        String key() {
            return "lenet-" + conv1 + "-" + conv2 + "-" + dense + "-s" + steps + "-b" + batchSize + "-lr" + lr;
        }
    }

    private FineTuning() {
    }

    /** Parameters of the backbone pre-trained on {@code source} (cached under {@code cacheDir}). */
    public static INDArray pretrained(Backbone bb, IndexedDataset source, Path cacheDir) {
        Path file = cacheDir.resolve(bb.key() + "-" + source.checksum().substring(0, 12) + ".bin");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
                return Nd4j.read(data);
            } catch (IOException | RuntimeException e) {
                throw new UncheckedIOException(new IOException("cached pre-trained backbone " + file
                        + " is unreadable (" + e.getMessage() + "); delete it to pre-train again", e));
            }
        }
        long[] shape = source.sampleShape();
        MultiLayerNetwork net = Architectures.lenet((int) shape[0], (int) shape[1], (int) shape[2],
                source.numClasses(), 0, new Nesterovs(bb.lr(), 0.9), 1e-3, bb.conv1(), bb.conv2(), bb.dense());
        DlModel model = DlModel.of(net);
        Uniform uniform = new Uniform(bb.batchSize());
        System.out.printf("pre-training the fine-tuning backbone %s on %s (%d steps, cached as %s)%n", bb.key(),
                source.name(), bb.steps(), file);
        for (int i = 0; i < bb.steps(); i++) {
            uniform.step(model, Sources.of(source), new StepContext(i, bb.lr(), Rng.stream(0, "pretrain", i)));
        }
        INDArray params = model.params();
        RecordFiles.writeWith(file, out -> {
            DataOutputStream data = new DataOutputStream(out);
            Nd4j.write(params, data);
            data.flush();
        });
        return params;
    }

    /**
     * A LeNet for {@code classes} classes whose layers below the classifier carry the pre-trained
     * backbone's parameters; the new classifier is initialised from {@code seed}.
     */
    public static MultiLayerNetwork withNewHead(Backbone bb, INDArray backbone, int channels, int h, int w,
                                                int sourceClasses, int classes, long seed, double lr) {
        MultiLayerNetwork source = Architectures.lenet(channels, h, w, sourceClasses, 0, new Nesterovs(lr, 0.9),
                1e-3, bb.conv1(), bb.conv2(), bb.dense());
        source.setParams(backbone.castTo(source.params().dataType()));
        MultiLayerNetwork target = Architectures.lenet(channels, h, w, classes, seed, new Nesterovs(lr, 0.9), 1e-3,
                bb.conv1(), bb.conv2(), bb.dense());
        for (int layer = 0; layer < target.getnLayers() - 1; layer++) {
            if (source.getLayer(layer).numParams() > 0) {
                target.getLayer(layer).setParams(source.getLayer(layer).params().dup());
            }
        }
        return target;
    }
}
