package org.isrepro.reproduction.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.isrepro.records.RecordFiles;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Plan;
import org.isrepro.reproduction.run.PlannedRun;
import org.isrepro.reproduction.run.Shards;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code isrepro slurm}: writes a SLURM job array (one task per shard, {@code isrepro matrix --shard i/n}),
 * a merge job that renders one report from every shard's directory once all tasks have ended, and
 * {@code submit.sh}, which submits both. docs/cluster.md explains them.
 *
 * <p>Pre-emption: {@code --requeue} lets SLURM requeue a pre-empted task; every task gets SIGUSR1 two
 * minutes before its time limit, turns it into SIGTERM for the matrix (which checkpoints and exits) and
 * requeues itself, so that a shard longer than the limit continues where it stopped.
 */
@Command(name = "slurm", description = "Write a SLURM job array (one task per shard) and its merge job.")
final class SlurmCmd implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "paper", description = "smoke, cpu or paper (default ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--shards", defaultValue = "4", description = "array tasks (default ${DEFAULT-VALUE})")
    int shards;

    @Option(names = "--out", required = true, description = "results directory on storage every node sees")
    Path out;

    @Option(names = "--dir", required = true, description = "where to write shards.sbatch, merge.sbatch, submit.sh")
    Path dir;

    @Option(names = "--root", defaultValue = ".", description = "the repository, as every node sees it")
    Path root;

    @Option(names = "--gpus", description = "GPUs per task (default: 1 at paper scale, else 0)")
    Integer gpus;

    @Option(names = "--cpus", description = "CPUs per task (default: 8 at paper scale, else 1)")
    Integer cpus;

    @Option(names = "--mem", description = "memory per task (default: 48G at paper scale, else 4G)")
    String mem;

    @Option(names = "--time", description = "time limit per task, D-HH:MM:SS (default: 1.5 x the largest shard's "
            + "expected hours + 30 min, between 30 min and 2 days)")
    String time;

    @CommandLine.Parameters(arity = "0..*", description = "experiments (default: all)")
    List<String> experiments;

    /** What the scripts request and run. */
    record Settings(Scale scale, int shards, Path out, Path root, int gpus, int cpus, String mem, String time,
                    List<String> experiments, String dataDir) {
    }

    @Override
    public Integer call() {
        Scale s = Scale.parse(scale);
        List<String> ids = experiments == null || experiments.isEmpty() ? List.of() : experiments;
        if (shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1, got " + shards);
        }
        boolean paper = s == Scale.PAPER;
        double largest = Shards.assign(Plan.of(ids.isEmpty() ? Experiments.ids() : ids, s, null), shards).stream()
                .mapToDouble(Shards::cost).max().orElse(0);
        Settings settings = new Settings(s, shards, out.toAbsolutePath().normalize(), root.toAbsolutePath().normalize(),
                gpus != null ? gpus : paper ? 1 : 0, cpus != null ? cpus : paper ? 8 : 1,
                mem != null ? mem : paper ? "48G" : "4G", time != null ? time : timeLimit(largest), ids,
                org.isrepro.datasets.DataDirectory.fromEnvironment().root().toAbsolutePath().toString());
        for (Map.Entry<String, String> f : render(settings).entrySet()) {
            write(dir.resolve(f.getKey()), f.getValue());
        }
        System.out.println("wrote " + dir.resolve("shards.sbatch") + " (" + shards + " array tasks), "
                + dir.resolve("merge.sbatch") + ", " + dir.resolve("submit.sh") + "; submit with: bash "
                + dir.resolve("submit.sh"));
        return 0;
    }

    /** 1.5 × the largest shard's expected seconds plus 30 minutes, clamped to [30 min, 2 days]. */
    static String timeLimit(double largestShardSeconds) {
        long s = (long) Math.ceil(Math.min(Math.max(1.5 * largestShardSeconds + 1800, 1800), 2 * 86_400));
        return String.format(Locale.ROOT, "%d-%02d:%02d:%02d", s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    }

    static Map<String, String> render(Settings st) {
        String name = "isrepro-" + st.scale().id();
        String exps = String.join(" ", st.experiments());
        String logs = st.out().resolve("logs").toString();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("shards.sbatch", """
                #!/bin/bash
                # isrepro %1$s-scale matrix as a SLURM job array: task i runs `isrepro matrix --shard i/%2$d`.
                # Written by `isrepro slurm` (make slurm); submit with submit.sh. docs/cluster.md explains it.
                # Requests (edit here; sbatch reads #SBATCH lines only above the first command):
                #SBATCH --job-name=%3$s
                #SBATCH --array=1-%2$d
                %4$s#SBATCH --cpus-per-task=%5$d
                #SBATCH --mem=%6$s
                #SBATCH --time=%7$s
                #SBATCH --requeue
                #SBATCH --signal=B:USR1@120
                #SBATCH --open-mode=append
                #SBATCH --output=%8$s/shard-%%a.log
                set -uo pipefail
                # Results go to $OUT/shard-<i> on storage every node sees; a requeued task resumes from them.
                OUT="${OUT:-%9$s}"
                ISREPRO="${ISREPRO:-%10$s/bin/isrepro}"
                export ISREPRO_DATA="${ISREPRO_DATA:-%11$s}"
                %12$sSCALE=%1$s
                SHARDS=%2$d
                EXPERIMENTS="%13$s"
                task="${SLURM_ARRAY_TASK_ID:?submit with sbatch (submit.sh)}"
                export OMP_NUM_THREADS="${SLURM_CPUS_PER_TASK:-1}"
                mkdir -p "$OUT/shard-$task"
                echo "shard $task/$SHARDS on $(hostname) at $(date -u +%%FT%%TZ), restart ${SLURM_RESTART_COUNT:-0}"
                child=
                # SIGTERM (pre-emption, scancel): the matrix checkpoints and exits; SLURM requeues a pre-empted task.
                on_term() { [ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait "$child"; exit 143; }
                # SIGUSR1, two minutes before the time limit: checkpoint, then requeue this task to continue.
                on_limit() {
                  echo "shard $task: time limit near, checkpointing and requeueing"
                  [ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait "$child"
                  scontrol requeue "${SLURM_ARRAY_JOB_ID}_${task}"; exit 0
                }
                trap on_term TERM
                trap on_limit USR1
                # shellcheck disable=SC2086
                $ISREPRO matrix --scale "$SCALE" --shard "$task/$SHARDS" --out "$OUT/shard-$task" --no-progress $EXPERIMENTS &
                child=$!
                wait "$child"
                rc=$?
                echo "shard $task/$SHARDS finished at $(date -u +%%FT%%TZ) with exit code $rc"
                exit "$rc"
                """.formatted(st.scale().id(), st.shards(), name,
                st.gpus() > 0 ? "#SBATCH --gres=gpu:" + st.gpus() + "\n" : "", st.cpus(), st.mem(), st.time(), logs,
                st.out(), st.root(), st.dataDir(), st.gpus() > 0 ? "export MVN=\"${MVN:-mvn -B -ntp -Pcuda}\"\n" : "",
                exps));
        files.put("merge.sbatch", """
                #!/bin/bash
                # Runs after every task of the %1$s-scale array has ended (submit.sh: --dependency=afterany):
                # one report from all shard directories into $OUT/report (make report REPORT_FROM=...).
                #SBATCH --job-name=%2$s-merge
                #SBATCH --cpus-per-task=1
                #SBATCH --mem=8G
                #SBATCH --time=01:00:00
                #SBATCH --output=%3$s/merge.log
                set -euo pipefail
                OUT="${OUT:-%4$s}"
                ROOT="${ROOT:-%5$s}"
                SHARDS=%6$d
                from=""
                for i in $(seq 1 "$SHARDS"); do from="$from $OUT/shard-$i"; done
                make -C "$ROOT" --no-print-directory report REPORTS_OUT="$OUT/report" REPORT_FROM="${from# }"
                """.formatted(st.scale().id(), name, logs, st.out(), st.root(), st.shards()));
        files.put("submit.sh", """
                #!/bin/bash
                # Submits the array (one task per shard) and the merge job that waits for all of it.
                # Extra arguments go to the array's sbatch, e.g. --partition=gpu or --account=mygroup.
                set -euo pipefail
                here="$(cd "$(dirname "$0")" && pwd)"
                mkdir -p "%1$s"
                array=$(sbatch --parsable "$@" "$here/shards.sbatch")
                array="${array%%%%;*}"
                merge=$(sbatch --parsable --dependency=afterany:"$array" "$here/merge.sbatch")
                echo "submitted: shards as job $array (%2$d tasks), merge as job ${merge%%%%;*}; report: %3$s/report"
                """.formatted(logs, st.shards(), st.out()));
        return files;
    }

    private static void write(Path file, String text) {
        RecordFiles.writeWith(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file + " executable", e);
        }
    }
}
