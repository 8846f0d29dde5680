package dev.vigil.ingest.mrt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collector names as RIPE RIS and Route Views name their files; MRT records do not carry the collector. */
public final class Collectors {
    private static final Pattern RIS = Pattern.compile("(rrc\\d{2})");
    private static final Pattern ROUTE_VIEWS = Pattern.compile("(route-views[\\w.-]*?)\\.updates");

    private Collectors() {
    }

    /** {@code rrc06} for {@code ris.rrc06.updates.1427846400.gz}, {@code route-views.jinx} for Route Views; else "unknown". */
    public static String guess(String fileName) {
        Matcher ris = RIS.matcher(fileName);
        if (ris.find()) {
            return ris.group(1);
        }
        Matcher rv = ROUTE_VIEWS.matcher(fileName);
        if (rv.find()) {
            return rv.group(1);
        }
        return "unknown";
    }
}
