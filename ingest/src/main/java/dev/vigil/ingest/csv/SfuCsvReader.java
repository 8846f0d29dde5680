package dev.vigil.ingest.csv;

import dev.vigil.schemas.Entities;
import dev.vigil.ingest.OpenedInput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an SFU CNL (BGPGuard) dataset: no header, 42 numeric columns per 1-minute row (HHMM, hour, minute, an
 * unreliable fourth column, 37 features, label 1 = anomaly / -1 = regular). Rows carry only the time of day, so
 * the first day is given (known for Slammer, Code Red I and Nimda, see {@link #knownFirstDay}) and a day is added
 * whenever the time of day goes backwards. Features that the UFAM set also has get the UFAM names; the others get
 * descriptive names in the same style ({@link #FEATURE_NAMES}).
 */
public final class SfuCsvReader extends CsvSource<LabelledWindow> {
    /** Names of the 37 feature columns (5..41), in file order. */
    public static final List<String> FEATURE_NAMES = featureNames();
    static final String AUTHOR = "zhida-li/BGPGuard";
    private static final int FIRST_FEATURE = 4;
    private static final int COLUMNS = 42;
    private static final Map<String, LocalDate> FIRST_DAYS = Map.of(
            "slammer", LocalDate.of(2003, 1, 23),
            "code_red_i", LocalDate.of(2001, 7, 17),
            // SOURCE.md: day 1 = 2001-09-16 is derived from the label window, not stored in the file.
            "nimda", LocalDate.of(2001, 9, 16));

    private final String entity;
    private final String category;
    private LocalDate day;
    private int lastMinuteOfDay = -1;

    public SfuCsvReader(OpenedInput input, String entity, String event, LocalDate firstDay) {
        super(input);
        this.entity = entity;
        this.category = "worm:" + event;
        this.day = firstDay;
    }

    /**
     * Opens a file; the entity is {@code peer:rrc04|AS513} (BCNET_regular: {@code peer:bcnet|AS0}), and the first
     * day is the known one or, for the regular sets whose dates are not published, {@code defaultDay}.
     */
    public static SfuCsvReader open(Path file, LocalDate defaultDay) {
        String event = event(file);
        String entity = event.startsWith("bcnet") ? Entities.peer("bcnet", 0, null) : Entities.peer("rrc04", 513, null);
        return new SfuCsvReader(OpenedInput.open(file), entity, event, knownFirstDay(file).orElse(defaultDay));
    }

    public static Optional<LocalDate> knownFirstDay(Path file) {
        return Optional.ofNullable(FIRST_DAYS.get(event(file)));
    }

    private static String event(Path file) {
        return file.getFileName().toString().replaceFirst("\\.csv$", "").toLowerCase(Locale.ROOT);
    }

    @Override
    LabelledWindow parse(CSVRecord row) {
        if (row.size() != COLUMNS) {
            throw new IllegalArgumentException("expected " + COLUMNS + " columns, found " + row.size());
        }
        int minuteOfDay = Integer.parseInt(row.get(1)) * 60 + Integer.parseInt(row.get(2));
        if (lastMinuteOfDay >= 0 && minuteOfDay <= lastMinuteOfDay) {
            day = day.plusDays(1);
        }
        lastMinuteOfDay = minuteOfDay;
        double[] values = new double[FEATURE_NAMES.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(row.get(FIRST_FEATURE + i));
        }
        boolean anomalous = Integer.parseInt(row.get(COLUMNS - 1)) == 1;
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofMinutes(minuteOfDay));
        return LabelKinds.window(entity, start, start.plus(Duration.ofMinutes(1)), FEATURE_NAMES, values, anomalous,
                category, "replay:sfu", AUTHOR);
    }

    private static List<String> featureNames() {
        List<String> names = new ArrayList<>(List.of("announcements", "withdrawals", "nlri_ann", "nlri_wd",
                "as_path_avg", "as_path_max", "unique_as_path_avg", "dups", "imp_wd", "wd_dups", "edit_distance_max",
                "arrival_rate", "edit_distance_avg"));
        for (int n = 11; n <= 20; n++) {
            names.add("as_path_len_" + n);
        }
        for (int n = 7; n <= 16; n++) {
            names.add("edit_distance_dict_" + n);
        }
        names.addAll(List.of("origin_0", "origin_1", "origin_2", "packet_size"));
        return List.copyOf(names);
    }
}
