package dev.gregor.reliability;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

import io.netty.buffer.PooledByteBufAllocator;

/**
 * What this JVM holds at one moment of a soak run: heap in use just after a full collection, Netty's pooled direct
 * memory and the JDK's direct buffers, and live threads.
 *
 * @param elapsedSeconds   seconds since the run began
 * @param heapAfterGcBytes heap in use right after {@code System.gc()}
 * @param nettyDirectBytes direct memory held by Netty's default pooled allocator
 * @param jdkDirectBytes   memory of the JDK's direct {@code ByteBuffer}s
 * @param threads          live threads
 */
public record ResourceSample(long elapsedSeconds, long heapAfterGcBytes, long nettyDirectBytes, long jdkDirectBytes,
                             int threads) {

    /** Takes a sample now (running a full collection first). */
    public static ResourceSample take(long elapsedSeconds) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long jdkDirect = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long nettyDirect = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        return new ResourceSample(elapsedSeconds, heap, nettyDirect, jdkDirect,
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    @Override
    public String toString() {
        return elapsedSeconds + " s: heap " + mebibytes(heapAfterGcBytes) + ", netty direct "
                + mebibytes(nettyDirectBytes) + ", jdk direct " + mebibytes(jdkDirectBytes) + ", " + threads
                + " threads";
    }

    static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
