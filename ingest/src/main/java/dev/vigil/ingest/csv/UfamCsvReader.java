package dev.vigil.ingest.csv;

import dev.vigil.schemas.Entities;
import dev.vigil.ingest.OpenedInput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a UFAM-LIA labelled dataset ({@code dataset_multi_<event>_<peer>_<minutes>_<collector>.csv}) into one
 * {@link LabelledWindow} per row: domain {@code bgp-peer}, entity {@code peer:<collector>|AS<peer>}, the window
 * {@code [timestamp2, timestamp2 + bin)}, the features the file has, and a label that is anomalous when
 * {@code class > 0}, with category {@code worm:<event>}, {@code leak:<event>} or {@code outage:<event>}.
 *
 * <p>UFAM publishes two layouts: the full one (the 48 features of {@link UfamFeatures#NAMES}) and a ratio-only one
 * (about 30 columns: a few base counts such as {@code announcements} and ratios such as {@code ratio_ann}). Every
 * header column but the unnamed row index, {@code class}, {@code timestamp} and {@code timestamp2} is a feature,
 * in header order; only {@code class} and {@code timestamp2} are required. Collectors are named {@code rrcNN}
 * (RIPE RIS) or {@code rv-<city>} / {@code route-views...} (RouteViews).
 */
public final class UfamCsvReader extends CsvSource<LabelledWindow> {
    private static final Pattern FILE = Pattern.compile(
            "dataset(?:_multi)?_(.+?)_(\\d+)(?:_(\\d+))?_(rrc\\d+|rv-[A-Za-z0-9.-]+|route-views[A-Za-z0-9.-]*)(?:_.*)?\\.csv");
    private static final Set<String> NOT_FEATURES = Set.of("", "class", "timestamp", "timestamp2");
    static final String AUTHOR = "ufam-lia/bgp-feature-extractor";

    private final String entity;
    private final String event;
    private final Duration bin;
    private final List<String> featureNames;
    private final int[] featureColumns;
    private final int classColumn;
    private final int timeColumn;

    public UfamCsvReader(OpenedInput input, String collector, long peerAsn, String event, Duration bin) {
        super(input);
        this.entity = Entities.peer(collector, peerAsn, null);
        this.event = event;
        this.bin = bin;
        List<String> columns = readHeader();
        if (columns == null) {
            throw new IllegalArgumentException("The UFAM file is empty");
        }
        classColumn = column(columns, "class");
        timeColumn = column(columns, "timestamp2");
        List<String> names = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!NOT_FEATURES.contains(columns.get(i))) {
                names.add(columns.get(i));
                indexes.add(i);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("The UFAM header has no feature columns");
        }
        featureNames = List.copyOf(names);
        featureColumns = indexes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Opens a file named as the UFAM repository names them; the 1-minute moscow_blackout file has no bin field. */
    public static UfamCsvReader open(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a UFAM dataset file name: " + file.getFileName()
                    + " (expected dataset[_multi]_<event>_<peerASN>[_<minutes>]_<collector>.csv, collector rrcNN or rv-<city>)");
        }
        Duration bin = Duration.ofMinutes(m.group(3) == null ? 1 : Long.parseLong(m.group(3)));
        return new UfamCsvReader(OpenedInput.open(file), m.group(4), Long.parseLong(m.group(2)), m.group(1), bin);
    }

    /** The features of this file, in header order. */
    public List<String> featureNames() {
        return featureNames;
    }

    private static int column(List<String> columns, String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("The UFAM header has no column " + name);
        }
        return i;
    }

    @Override
    LabelledWindow parse(CSVRecord row) {
        double[] values = new double[featureColumns.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(row.get(featureColumns[i]));
        }
        int datasetClass = (int) Double.parseDouble(row.get(classColumn));
        Instant start = Instant.ofEpochSecond(Long.parseLong(row.get(timeColumn)));
        return LabelKinds.window(entity, start, start.plus(bin), featureNames, values, datasetClass > 0,
                LabelKinds.ufamKind(datasetClass) + ":" + event, "replay:ufam", AUTHOR);
    }
}
