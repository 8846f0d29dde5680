package dev.vigil.ingest.csv;

import dev.vigil.schemas.Entities;
import dev.vigil.ingest.OpenedInput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a UFAM-LIA labelled dataset ({@code dataset_multi_<event>_<peer>_<minutes>_<collector>.csv}) into one
 * {@link LabelledWindow} per row: domain {@code bgp-peer}, entity {@code peer:<collector>|AS<peer>}, the window
 * {@code [timestamp2, timestamp2 + bin)}, the 48 features of {@link UfamFeatures#NAMES}, and a label that is
 * anomalous when {@code class > 0}, with category {@code worm:<event>}, {@code leak:<event>} or
 * {@code outage:<event>}.
 */
public final class UfamCsvReader extends LineSource<LabelledWindow> {
    private static final Pattern FILE = Pattern.compile("dataset(?:_multi)?_(.+?)_(\\d+)(?:_(\\d+))?_(rrc\\d+)(?:_.*)?\\.csv");
    static final String AUTHOR = "ufam-lia/bgp-feature-extractor";

    private final String entity;
    private final String event;
    private final Duration bin;
    private final int[] featureColumns = new int[UfamFeatures.NAMES.size()];
    private final int classColumn;
    private final int timeColumn;

    public UfamCsvReader(OpenedInput input, String collector, long peerAsn, String event, Duration bin) {
        super(input);
        this.entity = Entities.peer(collector, peerAsn, null);
        this.event = event;
        this.bin = bin;
        String header = readHeader();
        if (header == null) {
            throw new IllegalArgumentException("The UFAM file is empty");
        }
        List<String> columns = Arrays.asList(header.split(",", -1));
        for (int i = 0; i < featureColumns.length; i++) {
            featureColumns[i] = column(columns, UfamFeatures.NAMES.get(i));
        }
        classColumn = column(columns, "class");
        timeColumn = column(columns, "timestamp2");
    }

    /** Opens a file named as the UFAM repository names them; the 1-minute moscow_blackout file has no bin field. */
    public static UfamCsvReader open(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a UFAM dataset file name: " + file.getFileName());
        }
        Duration bin = Duration.ofMinutes(m.group(3) == null ? 1 : Long.parseLong(m.group(3)));
        return new UfamCsvReader(OpenedInput.open(file), m.group(4), Long.parseLong(m.group(2)), m.group(1), bin);
    }

    private static int column(List<String> columns, String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("The UFAM header has no column " + name);
        }
        return i;
    }

    @Override
    LabelledWindow parse(String line) {
        String[] cells = line.split(",", -1);
        double[] values = new double[featureColumns.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(cells[featureColumns[i]]);
        }
        int datasetClass = (int) Double.parseDouble(cells[classColumn]);
        Instant start = Instant.ofEpochSecond(Long.parseLong(cells[timeColumn].trim()));
        return LabelKinds.window(entity, start, start.plus(bin), UfamFeatures.NAMES, values, datasetClass > 0,
                LabelKinds.ufamKind(datasetClass) + ":" + event, "replay:ufam", AUTHOR);
    }
}
