package org.isrepro.reproduction.checks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Json;
import org.isrepro.reproduction.run.Provenance;

/** Builds and writes one {@code isrepro.check/1} file (docs/reports.md) atomically under {@code <out>/checks/}. */
final class CheckFiles {
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Map<String, Object>> tables = new ArrayList<>();
    private final List<Map<String, Object>> figures = new ArrayList<>();

    CheckFiles(String id, String title, String description, Scale scale, Map<String, String> checksums) {
        root.put("schema", "isrepro.check/1");
        root.put("id", id);
        root.put("title", title);
        root.put("description", description);
        root.put("scale", scale.id());
        root.put("provenance", Provenance.collect(checksums));
        root.put("tables", tables);
        root.put("figures", figures);
    }

    void table(String title, List<String> columns, List<List<Object>> rows) {
        for (List<Object> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalStateException("table '" + title + "': row of " + r.size() + " cells for "
                        + columns.size() + " columns");
            }
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("title", title);
        t.put("columns", columns);
        t.put("rows", rows);
        tables.add(t);
    }

    /** A figure; each series is name → {x, y}. */
    void figure(String id, String title, String xLabel, String yLabel, boolean logY, String kind,
                List<Map<String, Object>> series) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("title", title);
        f.put("xLabel", xLabel);
        f.put("yLabel", yLabel);
        f.put("logY", logY);
        f.put("kind", kind);
        f.put("series", series);
        figures.add(f);
    }

    static Map<String, Object> series(String name, double[] x, double[] y) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("x", finite(x));
        s.put("y", finite(y));
        return s;
    }

    /** JSON has no NaN: cells and points that are not finite become null. */
    static Object cell(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Double> finite(double[] a) {
        List<Double> out = new ArrayList<>(a.length);
        for (double v : a) {
            out.add(Double.isFinite(v) ? v : null);
        }
        return out;
    }

    Path write(Path outDir) {
        Path file = outDir.resolve("checks").resolve(root.get("id") + ".json");
        Json.writeAtomically(file, root);
        return file;
    }
}
