package dev.vigil.ensemble.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Entities never alerted on ({@code vigil.ensemble.ignore}): comma-separated exact names or globs in which
 * {@code *} matches any run of characters, e.g. {@code peer:rrc00|AS64500|*, service:load-test-*}.
 */
public final class IgnoreList {
    private final List<Pattern> patterns = new ArrayList<>();

    public IgnoreList(List<String> globs) {
        for (String glob : globs) {
            String g = glob.trim();
            if (!g.isEmpty()) {
                patterns.add(Pattern.compile(toRegex(g)));
            }
        }
    }

    public static IgnoreList parse(String commaSeparated) {
        return new IgnoreList(List.of(commaSeparated.split(",")));
    }

    public boolean ignores(String entity) {
        return patterns.stream().anyMatch(p -> p.matcher(entity).matches());
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return regex.toString();
    }
}
