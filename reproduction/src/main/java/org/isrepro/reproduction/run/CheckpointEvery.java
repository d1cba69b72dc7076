package org.isrepro.reproduction.run;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.isrepro.reproduction.experiment.Scale;

/**
 * How often a run writes its checkpoint: every {@code n} iterations ({@code 500it}) or every {@code n}
 * seconds of the process's wall clock ({@code 300s}, {@code 5m}, {@code 1h}). Iteration intervals count
 * from the start of the run, so a resumed run checkpoints at the same iterations as an uninterrupted one.
 */
public record CheckpointEvery(long iterations, double seconds) {
    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(it|s|m|h)");

    public CheckpointEvery {
        if ((iterations > 0) == (seconds > 0) || iterations < 0 || seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException("a checkpoint interval is a positive number of iterations or of"
                    + " seconds, not both");
        }
    }

    public static CheckpointEvery iterations(long n) {
        return new CheckpointEvery(n, 0);
    }

    public static CheckpointEvery seconds(double s) {
        return new CheckpointEvery(0, s);
    }

    /**
     * The default: every 5 minutes (a pre-empted cpu or paper run loses at most that much), and every 10
     * iterations at smoke scale, whose runs last seconds, so that every smoke run writes at least one.
     */
    public static CheckpointEvery defaultFor(Scale scale) {
        return scale == Scale.SMOKE ? iterations(10) : seconds(300);
    }

    /** Parses {@code 500it}, {@code 300s}, {@code 5m}, {@code 2h}. */
    public static CheckpointEvery parse(String text) {
        Matcher m = SYNTAX.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
            throw new IllegalArgumentException("checkpoint interval '" + text + "' is not a positive number of"
                    + " iterations or seconds, e.g. 500it, 300s, 5m or 1h");
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "it" -> {
                if (v != Math.rint(v)) {
                    throw new IllegalArgumentException("checkpoint interval '" + text + "': iterations are whole");
                }
                yield iterations((long) v);
            }
            case "s" -> seconds(v);
            case "m" -> seconds(v * 60);
            default -> seconds(v * 3600);
        };
    }

    /** Whether a checkpoint is due after {@code iteration} steps, {@code sinceLast} seconds after the last one. */
    public boolean due(long iteration, double sinceLast) {
        return iterations > 0 ? iteration % iterations == 0 : sinceLast >= seconds;
    }

    @Override
    public String toString() {
        return iterations > 0 ? iterations + "it" : seconds + "s";
    }
}
