package org.isrepro.reproduction.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.bytedeco.javacpp.Pointer;

/**
 * The peak memory of this process over a stretch of work: the JVM heap (the pools' own peak counters, reset at
 * the start), the resident set ({@link Pointer#physicalBytes}) and the native memory, the resident set less the
 * JVM's committed heap and non-heap, both sampled every {@link #PERIOD_MS} ms by a daemon thread. ND4J's CPU
 * buffers are allocated by libnd4j and counted by neither JavaCPP nor ND4J's allocation tracker (both stay at 0), so
 * they can only be bounded: the native figure is a lower bound of them (committed heap pages need not be resident)
 * plus the native libraries' pages (its value at the start shows that part), the resident set an upper bound (it also
 * holds the heap). A GPU holds ND4J's buffers in device memory: the resident peak is what plan and doctor compare.
 */
public final class MemoryPeaks implements AutoCloseable {
    static final long PERIOD_MS = 50;

    /** Peak bytes: heap, native (with its value at the start), resident set. */
    public record Peaks(long heapBytes, long nativeBytes, long nativeAtStartBytes, long residentBytes) {
    }

    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long nativePeak;
    private volatile long nativeAtStart = -1;
    private volatile long resident;

    private MemoryPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        sample();
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-peaks");
        sampler.setDaemon(true);
        sampler.start();
    }

    public static MemoryPeaks start() {
        return new MemoryPeaks();
    }

    private void sample() {
        long rss = Pointer.physicalBytes();
        java.lang.management.MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        long jvm = m.getHeapMemoryUsage().getCommitted() + m.getNonHeapMemoryUsage().getCommitted();
        long nativeNow = Math.max(0, rss - jvm);
        if (nativeAtStart < 0) {
            nativeAtStart = nativeNow;
        }
        nativePeak = Math.max(nativePeak, nativeNow);
        resident = Math.max(resident, rss);
    }

    /** Stops sampling and returns the peaks since {@link #start}. */
    public Peaks stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        return new Peaks(heap, nativePeak, nativeAtStart, resident);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
