package org.isrepro.datasets.pretrained;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Adler32;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.util.ModelSerializer;
import org.isrepro.datasets.DataDirectory;
import org.isrepro.datasets.DatasetException;
import org.isrepro.datasets.DryRun;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.source.Downloader;
import org.isrepro.datasets.source.RemoteFile;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The ImageNet ResNet-50 of deeplearning4j-zoo (weights converted from Keras), treated like a
 * dataset: its presence and Adler-32 checksum (what the zoo publishes) are checked first, a
 * download goes through {@link Downloader} (temporary file, atomic rename), and offline the error
 * names the URL, the file, its checksum and where to put it.
 */
public final class PretrainedWeights {
    /** Vertices of the pretrained (Keras-converted) graph: features, then the 1000-way dense layer. */
    static final String PRETRAINED_FEATURES = "flatten_1";
    static final String PRETRAINED_HEAD = "fc1000";
    /** Vertices of the zoo's own (randomly initialised) graph. */
    static final String ZOO_HEAD = "output";

    private PretrainedWeights() {}

    /** The data directory's sub-directory that holds the synthetic weight archive of a dry run ({@link DryRun}). */
    public static final String DRY_RUN_DIR = "resnet50";

    /**
     * Where deeplearning4j-zoo keeps the file ({@code ~/.deeplearning4j/models/resnet50/...}); in a dry run, the
     * synthetic archive of the same name in the data directory's {@code resnet50/}.
     */
    public static Path resnet50File() {
        ResNet50 zoo = ResNet50.builder().build();
        String url = zoo.pretrainedUrl(PretrainedType.IMAGENET);
        String fileName = url.substring(url.lastIndexOf('/') + 1);
        if (DryRun.active()) {
            return DataDirectory.fromEnvironment().dir(DRY_RUN_DIR).resolve(fileName);
        }
        // DL4JResources.getDirectory(ZOO_MODEL, name) without its mkdirs side effect
        return DL4JResources.getBaseDirectory().toPath().resolve(ResourceType.ZOO_MODEL.resourceName())
                .resolve(zoo.modelName()).resolve(fileName);
    }

    public static String resnet50Url() {
        return ResNet50.builder().build().pretrainedUrl(PretrainedType.IMAGENET);
    }

    /** The zoo's published Adler-32 of the weight file. */
    public static long resnet50Adler32() {
        return ResNet50.builder().build().pretrainedChecksum(PretrainedType.IMAGENET);
    }

    public static long adler32(Path file) throws IOException {
        Adler32 a = new Adler32();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                a.update(buf, 0, n);
            }
        }
        return a.getValue();
    }

    /**
     * Makes sure the weight file is present and intact (downloading it unless {@code offline}),
     * then returns its path. Errors: MISSING / DOWNLOAD_FAILED with manual instructions,
     * CHECKSUM_MISMATCH.
     */
    public static Path ensureResnet50(boolean offline) {
        Path file = resnet50File();
        if (DryRun.active()) {
            if (!Files.isRegularFile(file)) {
                throw new DatasetException(Kind.MISSING, "dry run: the synthetic ResNet-50 archive " + file
                        + " is missing; run `make dry-run`, which generates it");
            }
            DryRun.verify(DataDirectory.fromEnvironment(), "resnet50-imagenet", file);
            return file;
        }
        RemoteFile remote = new RemoteFile(file.getFileName().toString(), resnet50Url(), null, null, -1);
        String checksum = "Adler-32 " + resnet50Adler32() + " (deeplearning4j-zoo's pretrainedChecksum)";
        if (!Files.isRegularFile(file)) {
            String how = "  URL:      " + remote.url() + "\n  file:     " + remote.fileName() + " ("
                    + checksum + ")\n  put it at " + file + "\n";
            if (offline) {
                throw new DatasetException(Kind.MISSING, "ImageNet ResNet-50 weights are not available"
                        + " and downloads are disabled.\n" + how);
            }
            try {
                Downloader.download("resnet50-imagenet", remote, file);
            } catch (DatasetException e) {
                throw new DatasetException(e.kind(), "ImageNet ResNet-50 weights could not be downloaded ("
                        + e.getCause() + ").\n" + how + "The fine-tuning code path still works with random"
                        + " weights: resnet50(numClasses, false, seed).", e);
            }
        }
        verifyResnet50(file);
        return file;
    }

    static void verifyResnet50(Path file) {
        long got;
        try {
            got = adler32(file);
        } catch (IOException e) {
            throw new DatasetException(Kind.MALFORMED, "cannot read " + file + ": " + e, e);
        }
        if (got != resnet50Adler32()) {
            throw new DatasetException(Kind.CHECKSUM_MISMATCH, "ImageNet ResNet-50 weights at " + file
                    + " have Adler-32 " + got + ", expected " + resnet50Adler32() + ". Delete the file and"
                    + " download it again from " + resnet50Url() + ".");
        }
    }

    /** The zoo's ImageNet ResNet-50 with its 1000-way head (verified first; see {@link #ensureResnet50}). */
    public static ComputationGraph resnet50ImageNet() {
        Path file = ensureResnet50(offlineFromEnvironment());
        try {
            if (DryRun.active()) {
                // the zoo's initPretrained would check its Adler-32 and delete the synthetic file; after that check
                // it restores the archive with ModelSerializer, as here
                return ModelSerializer.restoreComputationGraph(file.toFile());
            }
            return (ComputationGraph) ResNet50.builder().build().initPretrained(PretrainedType.IMAGENET);
        } catch (IOException e) {
            throw new DatasetException(Kind.MALFORMED, "cannot load " + resnet50File() + ": " + e, e);
        }
    }

    /**
     * ResNet-50 for {@code numClasses}-way fine-tuning: with {@code pretrained}, the ImageNet weights
     * with the 1000-way {@code fc1000} replaced by a fresh softmax output layer on the 2048
     * pooled features; without, the zoo's architecture initialised at random with a
     * {@code numClasses}-way output (for testing the fine-tuning code path offline). Inputs are
     * {@code [n, 3, 224, 224]}, preprocessed as {@code Mit67Dataset} does.
     */
    public static ComputationGraph resnet50(int numClasses, boolean pretrained, long seed) {
        if (!pretrained) {
            return ResNet50.builder().numClasses(numClasses).seed(seed).build().init();
        }
        ComputationGraph base = resnet50ImageNet();
        return new TransferLearning.GraphBuilder(base)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().seed(seed).build())
                .removeVertexAndConnections(PRETRAINED_HEAD)
                .addLayer(PRETRAINED_HEAD, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(2048).nOut(numClasses).activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER).build(), PRETRAINED_FEATURES)
                .setOutputs(PRETRAINED_HEAD)
                .build();
    }

    /** The name of the output layer of {@link #resnet50}'s graph. */
    public static String outputLayerName(boolean pretrained) {
        return pretrained ? PRETRAINED_HEAD : ZOO_HEAD;
    }

    static boolean offlineFromEnvironment() {
        String v = System.getenv("ISREPRO_OFFLINE");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }
}
