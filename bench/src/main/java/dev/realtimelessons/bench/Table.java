package dev.realtimelessons.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A case's results as a Markdown table: one row per server, the median of its runs for each figure, and for the
 * figures that have one, the ratio of that median to the bare Tyrus server's. The last column counts the runs in
 * which the client was the limit.
 */
final class Table {

    private Table() {
    }

    /**
     * @param title   the case
     * @param columns the figures to show, in order
     * @param ratios  the figures that also get a ratio to bare Tyrus
     * @param servers the servers, in row order
     * @param runs    every run of the case
     * @return the table, with its title
     */
    static String render(String title, List<String> columns, List<String> ratios, List<ServerKind> servers,
                         List<Run> runs) {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n| server | runs |");
        StringBuilder rule = new StringBuilder("|---|--:|");
        for (String column : columns) {
            out.append(' ').append(column).append(" |");
            rule.append("--:|");
            if (ratios.contains(column)) {
                out.append(" × |");
                rule.append("--:|");
            }
        }
        out.append(" client-limited |\n").append(rule).append("--:|\n");
        for (ServerKind server : servers) {
            List<Run> mine = runs.stream().filter(run -> run.server() == server).toList();
            if (mine.isEmpty()) {
                continue;
            }
            out.append("| ").append(server.label()).append(" | ").append(mine.size()).append(" |");
            for (String column : columns) {
                double median = median(runs, server, column);
                out.append(' ').append(format(median)).append(" |");
                if (ratios.contains(column)) {
                    double reference = median(runs, ServerKind.TYRUS, column);
                    out.append(' ').append(Double.isNaN(median) || Double.isNaN(reference) || reference == 0 ? "–"
                            : String.format(Locale.ROOT, "%.2f", median / reference)).append(" |");
                }
            }
            long limited = mine.stream().filter(Run::clientLimited).count();
            out.append(' ').append(limited == 0 ? "–" : limited + "/" + mine.size()).append(" |\n");
        }
        return out.toString();
    }

    /**
     * @return the median of a figure over one server's runs, NaN when no run has it
     */
    static double median(List<Run> runs, ServerKind server, String figure) {
        double[] values = runs.stream().filter(run -> run.server() == server)
                .mapToDouble(run -> run.figures().getOrDefault(figure, Double.NaN))
                .filter(value -> !Double.isNaN(value)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 1_000 ? "%,.0f" : magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** @return the runs' figures one line each, for the log */
    static String line(Run run) {
        List<String> parts = new ArrayList<>();
        run.figures().forEach((name, value) -> parts.add(name + " " + format(value)));
        return String.join(", ", parts) + (run.clientLimited() ? "  [client-limited]" : "");
    }

    static List<String> list(String... names) {
        return Arrays.asList(names);
    }
}
