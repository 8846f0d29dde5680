package dev.vigil.cli.bench;

import dev.vigil.cli.report.Charts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes one bench run's plots next to its JSON: {@code <bench>-<plot>.png} for each {@link BenchPlots.Plot},
 * {@code <bench>.html} with what the run printed and the PNGs, and {@code index.html} linking every bench page
 * in the folder.
 */
public final class BenchPage {
    private BenchPage() {
    }

    /** @return the PNG files written, in the order of {@code plots} */
    public static List<Path> write(Path dir, String bench, String printed, List<BenchPlots.Plot> plots) throws IOException {
        Files.createDirectories(dir);
        List<Path> pngs = new ArrayList<>();
        StringBuilder html = head("Vigil bench: " + bench).append("<p><a href=\"index.html\">All bench runs</a></p>")
                .append("<h2>Table</h2><pre>").append(escape(printed)).append("</pre>");
        for (BenchPlots.Plot plot : plots) {
            Path png = dir.resolve(bench + "-" + plot.name() + ".png");
            Charts.writePng(png, plot.charts(), plot.columns());
            pngs.add(png);
            html.append("<h2>").append(escape(plot.title())).append("</h2><img src=\"").append(png.getFileName())
                    .append("\" width=\"").append(plot.width()).append("\" alt=\"").append(escape(plot.title())).append("\">");
        }
        Files.writeString(dir.resolve(bench + ".html"), html.append("</body></html>"));
        writeIndex(dir);
        return pngs;
    }

    /** index.html: a link to every bench page in the folder, with the JSON next to it. */
    static void writeIndex(Path dir) throws IOException {
        StringBuilder html = head("Vigil bench runs").append("<ul>");
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html") && !n.equals("index.html")).sorted()
                    .forEach(page -> {
                        String bench = page.substring(0, page.length() - ".html".length());
                        html.append("<li><a href=\"").append(page).append("\">").append(escape(bench)).append("</a> (")
                                .append(modified(dir.resolve(page))).append(")");
                        if (Files.exists(dir.resolve(bench + ".json"))) {
                            html.append(" <a href=\"").append(bench).append(".json\">JSON</a>");
                        }
                        html.append("</li>");
                    });
        }
        Files.writeString(dir.resolve("index.html"), html.append("</ul></body></html>"));
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title><style>body{font-family:sans-serif;max-width:1900px;margin:auto}"
                        + "img{max-width:100%;height:auto}pre{background:#f6f6f6;padding:8px;overflow-x:auto}</style></head><body><h1>")
                .append(escape(title)).append("</h1>");
    }

    private static String modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
