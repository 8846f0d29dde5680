package dev.vigil.ingest;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.MetricSample;
import dev.vigil.ingest.csv.LabelledWindow;
import dev.vigil.ingest.csv.NabCsvReader;
import dev.vigil.ingest.csv.SfuCsvReader;
import dev.vigil.ingest.csv.UfamCsvReader;
import dev.vigil.ingest.mrt.Collectors;
import dev.vigil.ingest.mrt.MrtUpdateReader;
import dev.vigil.ingest.rislive.RisLiveReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;

/** Picks the reader of an input by its content, for {@code vigil replay}. */
public final class Sources {
    private Sources() {
    }

    /** BGP updates from an MRT file or a RIS Live JSON file (plain, gzip or bzip2), told apart by the first byte. */
    public static ReplaySource<BgpUpdate> bgpUpdates(Path file) {
        OpenedInput input = OpenedInput.open(file);
        return startsWithJson(input) ? new RisLiveReader(input)
                : new MrtUpdateReader(input, Collectors.guess(file.getFileName().toString()));
    }

    /** BGP updates from a stream, e.g. standard input, in MRT or RIS Live JSON. */
    public static ReplaySource<BgpUpdate> bgpUpdates(InputStream in, String collector) {
        OpenedInput input = OpenedInput.of(in);
        return startsWithJson(input) ? new RisLiveReader(input) : new MrtUpdateReader(input, collector);
    }

    /** Metric samples from a NAB-style {@code timestamp,value} file. */
    public static ReplaySource<MetricSample> metricSamples(Path file) {
        return NabCsvReader.open(file);
    }

    /**
     * Labelled feature windows from a UFAM ({@code dataset_*.csv}) or SFU file; {@code defaultDay} dates the SFU
     * files whose day is not published.
     */
    public static ReplaySource<LabelledWindow> labelledWindows(Path file, LocalDate defaultDay) {
        return file.getFileName().toString().startsWith("dataset") ? UfamCsvReader.open(file) : SfuCsvReader.open(file, defaultDay);
    }

    private static boolean startsWithJson(OpenedInput input) {
        InputStream in = input.stream();
        try {
            in.mark(64);
            int b;
            do {
                b = in.read();
            } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
            in.reset();
            return b == '{';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
