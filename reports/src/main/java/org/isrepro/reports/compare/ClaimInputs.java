package org.isrepro.reports.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The result files behind a claim, from the {@code inputs} text that {@code claims.json} states for it
 * (docs/reports.md): comma-separated paths relative to the report directory, globs allowed, a name without a
 * directory in the directory of the one before ({@code runs/vr-cifar10__*.json, vr-cifar100__*.json}), anything in
 * parentheses a remark.
 */
public final class ClaimInputs {

    private ClaimInputs() {
    }

    /** The globs of an {@code inputs} text, each relative to the report directory. */
    public static List<String> globs(String inputs) {
        List<String> out = new ArrayList<>();
        if (inputs == null) {
            return out;
        }
        String dir = "";
        for (String part : inputs.replaceAll("\\([^)]*\\)", "").split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int slash = p.lastIndexOf('/');
            if (slash >= 0) {
                dir = p.substring(0, slash + 1);
                out.add(p);
            } else {
                out.add(dir + p);
            }
        }
        return out;
    }

    /** The files under {@code reportDir} matching the globs, as paths relative to it, sorted. */
    public static List<String> files(Path reportDir, String inputs) {
        TreeSet<String> out = new TreeSet<>();
        for (String glob : globs(inputs)) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (!Files.isDirectory(reportDir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(reportDir, 3)) {
                s.filter(Files::isRegularFile).map(reportDir::relativize).filter(m::matches)
                        .forEach(p -> out.add(p.toString().replace('\\', '/')));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + reportDir + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }
}
