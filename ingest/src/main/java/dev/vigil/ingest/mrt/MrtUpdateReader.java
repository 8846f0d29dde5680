package dev.vigil.ingest.mrt;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.ingest.OpenedInput;
import dev.vigil.ingest.ReplaySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads MRT update files (RFC 6396; plain, gzip or bzip2) into one {@link BgpUpdate} per prefix. It handles
 * BGP4MP and BGP4MP_ET records with the MESSAGE, MESSAGE_AS4, their LOCAL and their ADD-PATH subtypes; every
 * other record (state changes, table dumps) is counted and skipped. A record whose BGP message is malformed is
 * counted and skipped, as bgpdump does, so one bad record does not end a replay.
 *
 * <p>Written for Vigil: no maintained MRT parser for Java is published on Maven Central (RIPE NCC's java-mrt
 * is only in RIPE's own repository).
 */
public final class MrtUpdateReader implements ReplaySource<BgpUpdate> {
    private static final int BGP4MP = 16;
    private static final int BGP4MP_ET = 17;
    private static final int HEADER = 12;

    private final OpenedInput input;
    private final InputStream in;
    private final String collector;
    private final ArrayDeque<BgpUpdate> pending = new ArrayDeque<>();
    private final List<BgpUpdate> batch = new ArrayList<>();
    private final byte[] header = new byte[HEADER];
    private byte[] body = new byte[4096];
    private boolean eof;
    private long records;
    private long updateMessages;
    private long malformedRecords;
    private long skippedRecords;

    public MrtUpdateReader(OpenedInput input, String collector) {
        this.input = input;
        this.in = input.stream();
        this.collector = collector;
    }

    /** Opens a file; the collector name is guessed from the file name (see {@link Collectors#guess}). */
    public static MrtUpdateReader open(Path file) {
        return open(file, Collectors.guess(file.getFileName().toString()));
    }

    public static MrtUpdateReader open(Path file, String collector) {
        return new MrtUpdateReader(OpenedInput.open(file), collector);
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !eof) {
            readRecord();
        }
        return !pending.isEmpty();
    }

    @Override
    public BgpUpdate next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    private void readRecord() {
        try {
            int headerBytes = readFully(header, HEADER);
            if (headerBytes < HEADER) {
                eof = true;
                if (headerBytes > 0) {
                    malformedRecords++; // truncated file
                }
                return;
            }
            ByteBuffer h = ByteBuffer.wrap(header);
            long seconds = h.getInt() & 0xffffffffL;
            int type = h.getShort() & 0xffff;
            int subtype = h.getShort() & 0xffff;
            long length = h.getInt() & 0xffffffffL;
            if (length > 1 << 24) {
                throw new MrtFormatException("record length " + length + " is implausible; the file is not MRT");
            }
            if (body.length < length) {
                body = new byte[(int) Math.max(length, body.length * 2L)];
            }
            if (readFully(body, (int) length) < length) {
                eof = true;
                malformedRecords++;
                return;
            }
            records++;
            decode(seconds, type, subtype, ByteBuffer.wrap(body, 0, (int) length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void decode(long seconds, int type, int subtype, ByteBuffer record) {
        if ((type != BGP4MP && type != BGP4MP_ET) || !Bgp4mpDecoder.isMessage(subtype)) {
            skippedRecords++;
            return;
        }
        batch.clear();
        try {
            Instant time = Instant.ofEpochSecond(seconds);
            if (type == BGP4MP_ET) {
                time = time.plusNanos((record.getInt() & 0xffffffffL) * 1000);
            }
            if (Bgp4mpDecoder.decode(subtype, time, record.slice(), collector, batch)) {
                updateMessages++;
                pending.addAll(batch);
            }
        } catch (MrtFormatException | java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            malformedRecords++;
        }
    }

    /** Reads up to {@code length} bytes; fewer only at the end of the input. */
    private int readFully(byte[] buffer, int length) throws IOException {
        int read = 0;
        while (read < length) {
            int n = in.read(buffer, read, length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }

    /** MRT records read (of any type). */
    public long records() {
        return records;
    }

    /** BGP UPDATE messages decoded. */
    public long updateMessages() {
        return updateMessages;
    }

    /** Records whose BGP message could not be decoded. */
    public long malformedRecords() {
        return malformedRecords;
    }

    /** Records of other types or subtypes (state changes, table dumps). */
    public long skippedRecords() {
        return skippedRecords;
    }

    @Override
    public double progress() {
        return input.progress();
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
