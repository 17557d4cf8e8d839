package dev.gregor.cli.consume;

import java.io.IOException;

import dev.gregor.Message;

/** Writes consumed records to the command's output, buffered: {@link #flush()} pushes them out. */
interface RecordWriter {

    /** Writes one record. */
    void write(Message message) throws IOException;

    /** Pushes what was written out to the stream. */
    void flush() throws IOException;
}
