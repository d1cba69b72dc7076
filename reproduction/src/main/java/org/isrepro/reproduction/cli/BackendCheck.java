package org.isrepro.reproduction.cli;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code make doctor BACKEND=cuda}'s last check: loads ND4J's backend, computes one product on it and
 * prints {@code backend ok: <backend>, <n> device(s)}; exits 1 when the backend is not CUDA or sees no
 * device.
 */
public final class BackendCheck {
    private BackendCheck() {
    }

    public static void main(String[] args) {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        int devices = Nd4j.getAffinityManager().getNumberOfDevices();
        INDArray x = Nd4j.ones(64, 64);
        double sum = x.mmul(x).sumNumber().doubleValue();
        if (!backend.toLowerCase(java.util.Locale.ROOT).contains("cuda") || devices < 1 || sum != 64.0 * 64 * 64) {
            System.out.println("backend not usable: " + backend + ", " + devices + " device(s), 64x64 product sum " + sum);
            System.exit(1);
        }
        System.out.println("backend ok: " + backend + ", " + devices + " device(s)");
    }
}
