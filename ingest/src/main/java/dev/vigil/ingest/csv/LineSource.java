package dev.vigil.ingest.csv;

import dev.vigil.ingest.OpenedInput;
import dev.vigil.ingest.ReplaySource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

/** A source that turns each line of a text file into at most one record; the first line may be a header. */
abstract class LineSource<T> implements ReplaySource<T> {
    private final OpenedInput input;
    private final BufferedReader lines;
    private T next;
    private boolean eof;
    private long lineNumber;
    private long malformed;

    LineSource(OpenedInput input) {
        this.input = input;
        this.lines = new BufferedReader(new InputStreamReader(input.stream(), StandardCharsets.UTF_8));
    }

    /** Reads the header line, if the format has one; returns null at the end of the input. */
    final String readHeader() {
        return readLine();
    }

    /** The record of one data line, or null to skip it; throws IllegalArgumentException for a malformed line. */
    abstract T parse(String line);

    @Override
    public final boolean hasNext() {
        while (next == null && !eof) {
            String line = readLine();
            if (line == null) {
                eof = true;
            } else if (!line.isBlank()) {
                try {
                    next = parse(line);
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    malformed++;
                }
            }
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T out = next;
        next = null;
        return out;
    }

    private String readLine() {
        try {
            String line = lines.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines read so far, header included. */
    public final long lineNumber() {
        return lineNumber;
    }

    /** Data lines that could not be parsed and were skipped. */
    public final long malformed() {
        return malformed;
    }

    @Override
    public final double progress() {
        return input.progress();
    }

    @Override
    public final void close() throws IOException {
        input.close();
    }
}
