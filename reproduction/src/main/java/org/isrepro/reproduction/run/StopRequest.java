package org.isrepro.reproduction.run;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop (cluster schedulers send SIGTERM some time before they kill).
 * The handler only sets a flag: the training loop reads it between steps, writes its checkpoint and
 * stops ({@link Runner.Interrupted}); nothing is ever saved from the signal's thread while a step runs.
 * Outside a training loop there is nothing to save and the process exits at once; a second signal
 * while a run is saving also exits at once (its checkpoint files are written atomically).
 */
public final class StopRequest {
    /** The exit code of a process stopped by a signal (sysexits' EX_TEMPFAIL: try again to resume). */
    public static final int EXIT_CODE = 75;

    private static volatile String signal;
    private static final AtomicInteger TRAINING = new AtomicInteger();

    private StopRequest() {
    }

    /** Installs the handlers; called once by the command line (never by tests running in-JVM). */
    public static void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> onSignal("SIG" + s.getName()));
        }
    }

    private static void onSignal(String name) {
        if (TRAINING.get() > 0 && signal == null) {
            signal = name; // the run says, in one line, where its checkpoint went
            return;
        }
        System.err.println("isrepro: " + name + (signal == null ? " received outside training; nothing to save"
                : " received again; exiting without waiting for the checkpoint"));
        // runs in child processes (matrix --jobs) checkpoint and stop on their own SIGTERM
        ProcessHandle.current().children().forEach(ProcessHandle::destroy);
        // System.exit runs the shutdown hooks (run locks are released there); not from this thread, which
        // the JVM needs to deliver further signals.
        new Thread(() -> System.exit(EXIT_CODE), "isrepro-exit").start();
    }

    /** The signal that asked to stop ("SIGTERM"), or null. */
    public static String requested() {
        return signal;
    }

    static void enterTraining() {
        TRAINING.incrementAndGet();
    }

    static void leaveTraining() {
        TRAINING.decrementAndGet();
    }
}
