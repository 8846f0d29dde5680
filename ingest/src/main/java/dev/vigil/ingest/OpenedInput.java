package dev.vigil.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * An input opened for reading: decompressed when it starts with a gzip or bzip2 magic number (whatever its
 * name says), with a count of the raw bytes consumed so a replay can show its progress.
 */
public final class OpenedInput implements AutoCloseable {
    private static final int BUFFER = 1 << 16;

    private final InputStream stream;
    private final Counting raw;
    private final long totalBytes;

    private OpenedInput(InputStream stream, Counting raw, long totalBytes) {
        this.stream = stream;
        this.raw = raw;
        this.totalBytes = totalBytes;
    }

    /** Opens a file; .gz and .bz2 content is decompressed (gzip by the JDK, bzip2 by Commons Compress). */
    public static OpenedInput open(Path file) {
        try {
            return of(Files.newInputStream(file), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + file, e);
        }
    }

    /** Wraps a stream of unknown size, such as standard input. */
    public static OpenedInput of(InputStream in) {
        return of(in, -1);
    }

    static OpenedInput of(InputStream in, long totalBytes) {
        Counting raw = new Counting(in);
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        try {
            return new OpenedInput(decompressed(buffered), raw, totalBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the start of the input", e);
        }
    }

    private static InputStream decompressed(BufferedInputStream in) throws IOException {
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
        }
        if (b0 == 'B' && b1 == 'Z' && b2 == 'h') {
            return new BufferedInputStream(new BZip2CompressorInputStream(in, true), BUFFER);
        }
        return in;
    }

    /** The decompressed content. */
    public InputStream stream() {
        return stream;
    }

    /** Share of the raw (compressed) bytes consumed, or -1 when the size is unknown. */
    public double progress() {
        if (totalBytes <= 0) {
            return totalBytes == 0 ? 1 : -1;
        }
        return Math.min(1.0, (double) raw.count / totalBytes);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
