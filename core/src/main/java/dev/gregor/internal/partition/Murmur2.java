package dev.gregor.internal.partition;

/**
 * The 32-bit murmur2 hash with the seed and final mixing Kafka's default partitioner uses, so that a key lands on
 * the same partition whether Gregor or {@code kafka-clients} produced it.
 */
public final class Murmur2 {

    private static final int SEED = 0x9747b28c;
    private static final int MULTIPLIER = 0x5bd1e995;
    private static final int SHIFT = 24;

    private Murmur2() {
    }

    /** The partition of {@code key} among {@code partitionCount} partitions. */
    public static int partition(byte[] key, int partitionCount) {
        return (hash(key) & 0x7fffffff) % partitionCount;
    }

    /** murmur2 of {@code data}. */
    public static int hash(byte[] data) {
        int length = data.length;
        int h = SEED ^ length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++) {
            int at = i * 4;
            int k = (data[at] & 0xff) | ((data[at + 1] & 0xff) << 8) | ((data[at + 2] & 0xff) << 16)
                    | ((data[at + 3] & 0xff) << 24);
            k *= MULTIPLIER;
            k ^= k >>> SHIFT;
            k *= MULTIPLIER;
            h *= MULTIPLIER;
            h ^= k;
        }
        int tail = blocks * 4;
        switch (length % 4) {
            case 3:
                h ^= (data[tail + 2] & 0xff) << 16;
                // fall through: the remaining bytes mix in the same way
            case 2:
                h ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                h ^= data[tail] & 0xff;
                h *= MULTIPLIER;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= MULTIPLIER;
        h ^= h >>> 15;
        return h;
    }
}
