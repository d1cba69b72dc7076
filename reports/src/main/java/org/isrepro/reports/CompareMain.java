package org.isrepro.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.isrepro.reports.compare.ProvenanceDiff;
import org.isrepro.reports.records.Json;
import org.isrepro.reports.text.Numbers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code make compare}: two rendered reports side by side, claim by claim — each claim's verdict, estimate and 95%
 * interval in both, flagged when the verdict changed or when both have intervals and they do not overlap
 * (docs/statistics.md); under a flagged claim, the provenance fields that differ between the files behind it
 * ({@link ProvenanceDiff}). Reads {@code claims.json} and the files its claims name. Exit 0 when nothing is flagged,
 * 1 otherwise, 2 on bad input.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare the claims of two reports (default: reports/out against reports/reference/cpu).")
public final class CompareMain implements Callable<Integer> {

    @Option(names = "--current", defaultValue = "reports/out", description = "report directory (default ${DEFAULT-VALUE})")
    Path current;

    @Option(names = "--reference", defaultValue = "reports/reference/cpu",
            description = "reference report directory (default ${DEFAULT-VALUE})")
    Path reference;

    private PrintStream out = System.out;

    /** One claim in both reports. */
    public record Row(String id, String refVerdict, String curVerdict, String refEstimate, String curEstimate,
                      List<String> flags) {
    }

    /** Compares the two claims files; throws IllegalArgumentException naming the file on bad input. */
    public static List<Row> compare(Path currentDir, Path referenceDir) {
        Map<String, JsonNode> ref = claims(referenceDir);
        Map<String, JsonNode> cur = claims(currentDir);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : ref.entrySet()) {
            JsonNode r = e.getValue();
            JsonNode c = cur.remove(e.getKey());
            List<String> flags = new ArrayList<>();
            String rv = Json.str(r, "verdict");
            String cv = c == null ? "absent" : Json.str(c, "verdict");
            if (!String.valueOf(rv).equals(cv)) {
                flags.add("verdict changed " + rv + " → " + cv);
            }
            JsonNode re = r.path("estimate");
            JsonNode ce = c == null ? null : c.path("estimate");
            if (hasInterval(re) && ce != null && hasInterval(ce)
                    && (Json.num(ce, "lo") > Json.num(re, "hi") || Json.num(ce, "hi") < Json.num(re, "lo"))) {
                flags.add("intervals do not overlap");
            }
            rows.add(new Row(e.getKey(), rv, cv, show(re), ce == null ? Numbers.MISSING : show(ce), flags));
        }
        for (Map.Entry<String, JsonNode> e : cur.entrySet()) {
            rows.add(new Row(e.getKey(), "absent", Json.str(e.getValue(), "verdict"), Numbers.MISSING,
                    show(e.getValue().path("estimate")), List.of("not in the reference")));
        }
        return rows;
    }

    private static Map<String, JsonNode> claims(Path dir) {
        Path file = dir.resolve("claims.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist; render a report there first (make report)");
        }
        JsonNode doc = Json.read(file);
        Json.requireSchema(doc, ReportMain.CLAIMS_SCHEMA, file);
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (JsonNode c : doc.path("claims")) {
            m.put(Json.required(c, "id", file), c);
        }
        return m;
    }

    private static boolean hasInterval(JsonNode e) {
        return e != null && !e.isMissingNode() && !e.isNull() && Double.isFinite(Json.num(e, "lo"))
                && Double.isFinite(Json.num(e, "hi"));
    }

    static String show(JsonNode e) {
        if (e == null || e.isMissingNode() || e.isNull()) {
            return Numbers.MISSING;
        }
        String s = Numbers.num(Json.num(e, "estimate"));
        if (hasInterval(e)) {
            s += " " + Numbers.interval(Json.num(e, "lo"), Json.num(e, "hi"));
        }
        return s + " n=" + e.path("n").asInt();
    }

    @Override
    public Integer call() {
        List<Row> rows = compare(current, reference);
        out.printf(Locale.ROOT, "%-22s %-13s %-13s %-32s %-32s %s%n", "claim", "reference", "current",
                "reference estimate [95%]", "current estimate [95%]", "flags");
        int flagged = 0;
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-22s %-13s %-13s %-32s %-32s %s%n", r.id(), r.refVerdict(), r.curVerdict(),
                    r.refEstimate(), r.curEstimate(), r.flags().isEmpty() ? "" : "** " + String.join("; ", r.flags()));
            if (!r.flags().isEmpty()) {
                flagged++;
                ProvenanceDiff.forClaim(current, reference, r.id()).lines("provenance of its files")
                        .forEach(l -> out.println("    " + l));
            }
        }
        ProvenanceDiff.all(current, reference).lines("provenance of all result files").forEach(out::println);
        out.printf("compare: %d of %d claims flagged (%s against %s)%n", flagged, rows.size(), current, reference);
        return flagged == 0 ? 0 : 1;
    }

    /** Runs with arguments and returns the exit code (for tests). */
    public static int run(PrintStream out, String... args) {
        CompareMain m = new CompareMain();
        m.out = out;
        return new CommandLine(m).setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("compare: " + ex.getMessage());
            return 2;
        }).execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }
}
