package dev.gregor.internal.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * The ways the fuzz tests spoil a valid encoding: each turns valid bytes into the kind of input a broken or hostile
 * broker could send, at positions drawn from a seeded {@link Random} so that a failing case can be replayed.
 */
public enum Mutation {
    /** Cuts the bytes short anywhere, also to nothing. */
    TRUNCATE {
        @Override
        byte[] spoil(byte[] valid, Random random) {
            return Arrays.copyOf(valid, random.nextInt(valid.length + 1));
        }
    },
    /** Flips one to three bytes to random values. */
    FLIP_BYTES {
        @Override
        byte[] spoil(byte[] valid, Random random) {
            byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0 && bytes.length > 0; flips--) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
            }
            return bytes;
        }
    },
    /** Overwrites a 16- or 32-bit value with a length no valid field has: null, negative, or just past the end. */
    BAD_LENGTH {
        @Override
        byte[] spoil(byte[] valid, Random random) {
            int[] lengths = {-1, -2, Short.MIN_VALUE, Short.MAX_VALUE, Integer.MIN_VALUE, valid.length,
                    valid.length + 1 + random.nextInt(16)};
            int length = lengths[random.nextInt(lengths.length)];
            return random.nextBoolean() ? overwrite(valid, random, ByteBuffer.allocate(2).putShort((short) length))
                    : overwrite(valid, random, ByteBuffer.allocate(4).putInt(length));
        }
    },
    /** Overwrites bytes with a varint that runs past five bytes or past 32 bits. */
    VARINT_OVERFLOW {
        @Override
        byte[] spoil(byte[] valid, Random random) {
            byte[] runaway = new byte[5 + random.nextInt(6)];
            Arrays.fill(runaway, (byte) 0xff);
            runaway[runaway.length - 1] = (byte) (random.nextBoolean() ? 0x7f : 0x01);
            return overwrite(valid, random, ByteBuffer.wrap(runaway));
        }
    },
    /** Overwrites bytes with a huge array, string or bytes count: as an int32, an int16 or a compact varint. */
    HUGE_COUNT {
        @Override
        byte[] spoil(byte[] valid, Random random) {
            return switch (random.nextInt(4)) {
                case 0 -> overwrite(valid, random, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE - random.nextInt(16)));
                case 1 -> overwrite(valid, random, ByteBuffer.allocate(4).putInt(1 << (16 + random.nextInt(14))));
                case 2 -> overwrite(valid, random, ByteBuffer.allocate(2).putShort(Short.MAX_VALUE));
                default -> overwrite(valid, random, ByteBuffer.wrap(new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff, 0x07}));
            };
        }
    },
    /** Inserts random bytes, shifting everything after them. */
    INSERT {
        @Override
        byte[] spoil(byte[] valid, Random random) {
            byte[] extra = new byte[1 + random.nextInt(8)];
            random.nextBytes(extra);
            int at = random.nextInt(valid.length + 1);
            ByteBuffer out = ByteBuffer.allocate(valid.length + extra.length);
            out.put(valid, 0, at).put(extra).put(valid, at, valid.length - at);
            return out.array();
        }
    },
    /** Deletes a run of bytes, shifting everything after it. */
    DELETE {
        @Override
        byte[] spoil(byte[] valid, Random random) {
            if (valid.length == 0) {
                return valid;
            }
            int at = random.nextInt(valid.length);
            int length = 1 + random.nextInt(Math.min(8, valid.length - at));
            ByteBuffer out = ByteBuffer.allocate(valid.length - length);
            out.put(valid, 0, at).put(valid, at + length, valid.length - at - length);
            return out.array();
        }
    },
    /** Two or three of the others, one after the other. */
    SEVERAL {
        @Override
        byte[] spoil(byte[] valid, Random random) {
            byte[] bytes = valid;
            for (int round = 2 + random.nextInt(2); round > 0; round--) {
                Mutation mutation = values()[random.nextInt(ordinal())];
                bytes = mutation.spoil(bytes, random);
            }
            return bytes;
        }
    };

    /**
     * The spoiled bytes (a new array, or {@code valid} itself where nothing can be spoiled).
     *
     * @param valid a valid encoding; not changed
     * @param random where every choice comes from
     * @return the spoiled bytes
     */
    public byte[] apply(byte[] valid, Random random) {
        return spoil(valid, random);
    }

    abstract byte[] spoil(byte[] valid, Random random);

    private static byte[] overwrite(byte[] valid, Random random, ByteBuffer value) {
        byte[] with = value.array();
        if (valid.length < with.length) {
            return with;
        }
        byte[] bytes = valid.clone();
        System.arraycopy(with, 0, bytes, random.nextInt(valid.length - with.length + 1), with.length);
        return bytes;
    }
}
