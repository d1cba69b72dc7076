package org.isrepro.reproduction.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * This machine's BLAS and oneDNN kernels compute the cpu stand-in's products, forward and backward passes to
 * float rounding (docs/machines.md): a kernel chosen wrongly for the processor fails here before it changes a run.
 */
@Tag(Tags.FAST)
class KernelAgreementTest {

    @Test
    void blasProductsAtTheOutputLayersShapesAgreeWithDoublePrecision() {
        List<KernelAgreement.Result> r = KernelAgreement.gemm();
        assertTrue(r.size() >= 4, r.toString());
        r.forEach(x -> assertTrue(x.ok(), x.toString()));
    }

    @Test
    void theNetworkOnOneDnnAgreesWithTheNetworkOnNd4jsOwnLayers() {
        List<KernelAgreement.Result> r = KernelAgreement.network();
        r.forEach(x -> assertTrue(x.ok(), x.toString()));
    }

    @Test
    void aProductOffInItsFourthDigitIsReportedWrong() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 32, 64);
        INDArray b = Nd4j.rand(DataType.FLOAT, 64, 10);
        INDArray wrong = a.mmul(b).muli(1.001);
        KernelAgreement.Result r = new KernelAgreement.Result("perturbed", "32x64 * 64x10",
                KernelAgreement.error(a, b, wrong));
        assertTrue(!r.ok(), r.toString());
    }
}
