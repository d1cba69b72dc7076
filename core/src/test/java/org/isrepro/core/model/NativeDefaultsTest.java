package org.isrepro.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * JavaCPP reads its limits once, when it loads, so each case runs in a fresh JVM ({@link Probe}) on this
 * test's classpath.
 */
@Tag(Tags.FAST)
class NativeDefaultsTest {

    /** The child JVM: applies the defaults (or not), then loads JavaCPP and prints what it decided. */
    public static final class Probe {
        public static void main(String[] args) {
            if (args.length > 0 && args[0].equals("apply")) {
                NativeDefaults.apply();
            }
            System.out.println("physical-check-off=" + NativeDefaults.physicalMemoryCheckOff());
        }
    }

    private static String probe(String... jvmAndArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        boolean args = false;
        for (String a : jvmAndArgs) {
            if (!args && !a.startsWith("-D")) {
                cmd.add(Probe.class.getName());
                args = true;
            }
            cmd.add(a);
        }
        if (!args) {
            cmd.add(Probe.class.getName());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().filter(l -> l.startsWith("physical-check-off=")).findFirst().orElse(out);
    }

    @Test
    void applyingBeforeJavaCppLoadsTurnsThePhysicalMemoryCheckOff() throws Exception {
        assertEquals("physical-check-off=true", probe("apply"));
    }

    @Test
    void withoutTheDefaultsJavaCppChecksPhysicalMemory() throws Exception {
        assertEquals("physical-check-off=false", probe());
    }

    @Test
    void aLimitTheUserSetIsKept() throws Exception {
        assertEquals("physical-check-off=false", probe("-Dorg.bytedeco.javacpp.maxPhysicalBytes=8g", "apply"));
    }
}
