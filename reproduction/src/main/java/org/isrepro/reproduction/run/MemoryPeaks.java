package org.isrepro.reproduction.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.bytedeco.javacpp.Pointer;

/**
 * The peak memory of this process over a stretch of work: the JVM heap (the pools' own peak counters, reset at
 * the start), ND4J's off-heap buffers (JavaCPP's count of the bytes it allocated, {@link Pointer#totalBytes}) and
 * the resident set ({@link Pointer#physicalBytes}), the last two sampled every {@link #PERIOD_MS} ms by a daemon
 * thread. A GPU holds the off-heap buffers in device memory, so the off-heap peak is what a device must fit.
 */
public final class MemoryPeaks implements AutoCloseable {
    static final long PERIOD_MS = 50;

    /** Peak bytes: heap, ND4J off-heap, resident set. */
    public record Peaks(long heapBytes, long offHeapBytes, long residentBytes) {
    }

    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long offHeap;
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
        offHeap = Math.max(offHeap, Pointer.totalBytes());
        resident = Math.max(resident, Pointer.physicalBytes());
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
        return new Peaks(heap, offHeap, resident);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
