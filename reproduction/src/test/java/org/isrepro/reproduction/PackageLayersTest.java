package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The module's packages form layers (README, "Layout"): each uses only the packages before it in
 * {@link #LAYERS}, so that no two packages depend on each other and an experiment family never needs another
 * family's registration. Read from the sources, comments and string literals aside.
 */
@Tag(Tags.FAST)
class PackageLayersTest {
    private static final List<String> LAYERS = List.of("models", "experiment", "method", "rais", "catalog", "lockstep",
            "run", "checks", "ablation", "cli");
    private static final Path SOURCES = Path.of(System.getProperty("isrepro.root", ".."), "reproduction", "src",
            "main", "java", "org", "isrepro", "reproduction");
    private static final Pattern USE = Pattern.compile("org\\.isrepro\\.reproduction\\.([a-z]+)\\b");

    @Test
    void everyPackageUsesOnlyTheLayersBeforeIt() throws IOException {
        List<String> backEdges = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f).getName(0).toString();
                assertTrue(LAYERS.contains(pkg), pkg + " is not placed in a layer");
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "")
                        .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
                Matcher m = USE.matcher(code);
                while (m.find()) {
                    String used = m.group(1);
                    if (LAYERS.indexOf(used) > LAYERS.indexOf(pkg)) {
                        backEdges.add(SOURCES.relativize(f) + " uses " + used);
                    }
                }
            }
        }
        assertEquals(List.of(), backEdges);
    }
}
