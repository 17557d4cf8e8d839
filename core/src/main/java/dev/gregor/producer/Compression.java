package dev.gregor.producer;

/** The codec applied to each record batch. */
public enum Compression {
    /** No compression. */
    NONE,
    /** gzip (the JDK's deflate). */
    GZIP,
    /** Snappy. */
    SNAPPY,
    /** LZ4 frames: fast, a good default when compressing. */
    LZ4,
    /** Zstandard: the best ratio. */
    ZSTD
}
