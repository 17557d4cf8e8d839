package dev.gregor.internal.protocol.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * The batch compression codecs, with the id each has in a batch's attributes and the stream format Kafka uses:
 * gzip, xerial-framed snappy, LZ4 frames (64 KiB independent blocks) and zstd frames.
 */
public enum CompressionCodec {
    NONE(0) {
        @Override
        public OutputStream compressing(OutputStream out) {
            return out;
        }

        @Override
        public InputStream decompressing(InputStream in) {
            return in;
        }
    },
    GZIP(1) {
        @Override
        public OutputStream compressing(OutputStream out) throws IOException {
            return new GZIPOutputStream(out, 8 * 1024);
        }

        @Override
        public InputStream decompressing(InputStream in) throws IOException {
            return new GZIPInputStream(in, 8 * 1024);
        }
    },
    SNAPPY(2) {
        @Override
        public OutputStream compressing(OutputStream out) {
            return new SnappyOutputStream(out);
        }

        @Override
        public InputStream decompressing(InputStream in) {
            return new SnappyDecompressingStream(in);
        }
    },
    LZ4(3) {
        @Override
        public OutputStream compressing(OutputStream out) throws IOException {
            return new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE);
        }

        @Override
        public InputStream decompressing(InputStream in) throws IOException {
            return new LZ4FrameInputStream(in);
        }
    },
    ZSTD(4) {
        @Override
        public OutputStream compressing(OutputStream out) throws IOException {
            return new ZstdOutputStreamNoFinalizer(out);
        }

        @Override
        public InputStream decompressing(InputStream in) throws IOException {
            return new ZstdInputStreamNoFinalizer(in);
        }
    };

    private final int id;

    CompressionCodec(int id) {
        this.id = id;
    }

    /** The codec's id in the low three bits of a batch's attributes. */
    public int id() {
        return id;
    }

    /** The codec with attribute id {@code id}, or null for an id Kafka does not define. */
    public static CompressionCodec forId(int id) {
        for (CompressionCodec codec : values()) {
            if (codec.id == id) {
                return codec;
            }
        }
        return null;
    }

    /** A stream that compresses what is written to it into {@code out}; closing it finishes the frame. */
    public abstract OutputStream compressing(OutputStream out) throws IOException;

    /** A stream of the bytes decompressed from {@code in}. */
    public abstract InputStream decompressing(InputStream in) throws IOException;
}
