package org.isrepro.reproduction.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.concurrent.Callable;
import org.isrepro.reproduction.run.KernelAgreement;
import org.isrepro.reproduction.run.Kernels;
import picocli.CommandLine.Command;

/**
 * {@code isrepro kernels}: what selects this machine's numeric kernels (the {@code provenance.kernels} every record
 * carries) and whether those kernels agree with a reference at the cpu stand-in's shapes ({@link KernelAgreement};
 * docs/machines.md). {@code make doctor} runs it.
 */
@Command(name = "kernels", mixinStandardHelpOptions = true, description = "What selects this machine's numeric "
        + "kernels, and whether BLAS and oneDNN agree with a reference at the networks' shapes (exit 1 if not).")
final class KernelsCmd implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(Kernels.collect()));
        List<KernelAgreement.Result> results = KernelAgreement.measure();
        results.forEach(System.out::println);
        long wrong = results.stream().filter(r -> !r.ok()).count();
        if (wrong > 0) {
            System.out.println("kernels: " + wrong + " kernel(s) disagree with the reference beyond "
                    + KernelAgreement.TOLERANCE + " (docs/machines.md says what to pin)");
            return 1;
        }
        System.out.println("kernels: all agree within " + KernelAgreement.TOLERANCE);
        return 0;
    }
}
