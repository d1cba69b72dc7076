package org.isrepro.reproduction.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag(Tags.SMOKE)
class TuningTest {

    private static Map<Path, byte[]> candidateRecords(Path out) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("vr-cifar10-tuning__svrg")).toList()) {
                files.put(p, Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void aSearchStoppedBeforeItsRecordReusesTheCandidatesThatFinished(@TempDir Path out) throws IOException {
        Experiment e = Experiments.get("vr-cifar10", Scale.SMOKE);
        MethodSpec svrg = e.method("svrg");
        Tuning tuning = new Tuning(RunOptions.defaults(out).withProgressBar(false));
        MethodSpec chosen = tuning.resolve(e, e.data().get(), svrg);
        Map<Path, byte[]> before = candidateRecords(out);
        assertEquals(e.grid("svrg").size(), before.size(), before.keySet()::toString);
        assertTrue(before.size() >= 2, "a grid of one candidate would not show reuse");
        // stopped after the last candidate's record, before the search's own
        Files.delete(tuning.recordPath(e, "svrg"));

        MethodSpec again = tuning.resolve(e, e.data().get(), svrg);

        assertEquals(chosen.overrides(), again.overrides());
        Map<Path, byte[]> after = candidateRecords(out);
        assertEquals(List.copyOf(before.keySet()), List.copyOf(after.keySet()));
        // a candidate run again would rewrite its record (its wall-clock time and writing time differ)
        for (Path p : before.keySet()) {
            assertArrayEquals(before.get(p), after.get(p), p + " was run again");
        }
        assertTrue(Files.exists(tuning.recordPath(e, "svrg")));
    }
}
