package dev.vigil.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;

/**
 * A reader of one input (a file or standard input) that yields records in file order. Readers stream: they
 * hold one record (or one BGP message's worth of records) at a time, so files of any size can be replayed.
 */
public interface ReplaySource<T> extends Iterator<T>, Closeable {

    /** Share of the input consumed so far, from 0 to 1, or -1 when the input's size is unknown (standard input). */
    double progress();

    @Override
    void close() throws IOException;
}
