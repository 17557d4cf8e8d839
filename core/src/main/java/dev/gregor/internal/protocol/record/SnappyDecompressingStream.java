package dev.gregor.internal.protocol.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.xerial.snappy.Snappy;

/**
 * Decompresses a snappy batch payload in either form Kafka producers write: xerial-framed chunks (Kafka's Java
 * client) or one raw snappy block (librdkafka). Unlike snappy-java's own stream, it checks every chunk's length
 * against the bytes that are there and every claimed decompressed size against what snappy can expand to, before
 * allocating anything: a corrupt length never becomes a huge array.
 */
final class SnappyDecompressingStream extends InputStream {

    private static final byte[] XERIAL_MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    /** The magic, then the framing's version and its oldest compatible version. */
    private static final int XERIAL_HEADER = XERIAL_MAGIC.length + 8;
    /** A snappy copy element of 3 bytes writes at most 64: no valid block expands by more than about 21 times. */
    private static final int MAX_EXPANSION = 32;

    private final InputStream in;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean raw;
    private boolean started;
    private boolean ended;

    SnappyDecompressingStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        while (position == chunk.length) {
            if (ended || !nextChunk()) {
                ended = true;
                return -1;
            }
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, into, offset, n);
        position += n;
        return n;
    }

    private boolean nextChunk() throws IOException {
        if (!started) {
            started = true;
            byte[] header = in.readNBytes(XERIAL_HEADER);
            if (header.length < XERIAL_HEADER || !Arrays.equals(header, 0, XERIAL_MAGIC.length, XERIAL_MAGIC, 0,
                    XERIAL_MAGIC.length)) {
                raw = true;
                byte[] block = in.readAllBytes();
                byte[] whole = Arrays.copyOf(header, header.length + block.length);
                System.arraycopy(block, 0, whole, header.length, block.length);
                uncompress(whole);
                return true;
            }
        }
        if (raw) {
            return false;
        }
        byte[] length = in.readNBytes(4);
        if (length.length == 0) {
            return false;
        }
        if (length.length < 4) {
            throw new IOException("the snappy stream ends inside a chunk length");
        }
        int size = ((length[0] & 0xff) << 24) | ((length[1] & 0xff) << 16) | ((length[2] & 0xff) << 8) | (length[3] & 0xff);
        if (size < 0) {
            throw new IOException("a snappy chunk of negative length " + size);
        }
        // readNBytes grows its buffer as bytes arrive, so a length larger than the stream allocates only what is there.
        byte[] compressed = in.readNBytes(size);
        if (compressed.length < size) {
            throw new IOException("a snappy chunk of " + size + " bytes, but only " + compressed.length + " follow");
        }
        uncompress(compressed);
        return true;
    }

    private void uncompress(byte[] compressed) throws IOException {
        int size = Snappy.uncompressedLength(compressed);
        if (size < 0 || size > (long) MAX_EXPANSION * compressed.length + 64) {
            throw new IOException("a snappy block of " + compressed.length + " bytes claims to expand to "
                    + Integer.toUnsignedString(size) + " bytes");
        }
        chunk = new byte[size];
        position = 0;
        Snappy.uncompress(compressed, 0, compressed.length, chunk, 0);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
