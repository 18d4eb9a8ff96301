package dev.realtimelessons.lesson01.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws the comparison with XChart: latency percentiles per technique on a log scale (they differ by orders of
 * magnitude), and bytes on the wire per delivered event.
 */
final class ComparisonChart {

    private ComparisonChart() {
    }

    static void write(List<ComparisonRunner.Row> rows, String subtitle, Path directory) throws IOException {
        List<String> names = rows.stream().map(ComparisonRunner.Row::technique).toList();

        CategoryChart latency = new CategoryChartBuilder().width(900).height(500)
                .title("Delivery latency, log scale (" + subtitle + ")").xAxisTitle("technique").yAxisTitle("milliseconds")
                .build();
        latency.getStyler().setYAxisLogarithmic(true);
        latency.getStyler().setYAxisMin(0.1); // bars start at the axis minimum, and a log axis has no 0
        latency.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        latency.addSeries("p50", names, rows.stream().map(row -> atLeast(row.p50())).toList());
        latency.addSeries("p95", names, rows.stream().map(row -> atLeast(row.p95())).toList());
        latency.addSeries("max", names, rows.stream().map(row -> atLeast(row.max())).toList());
        BitmapEncoder.saveBitmap(latency, directory.resolve("latency").toString(), BitmapEncoder.BitmapFormat.PNG);

        CategoryChart bytes = new CategoryChartBuilder().width(900).height(500)
                .title("Bytes on the wire per event (" + subtitle + ")").xAxisTitle("technique")
                .yAxisTitle("bytes per event").build();
        bytes.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        bytes.getStyler().setStacked(true);
        bytes.addSeries("client to server", names, rows.stream().map(row -> perEvent(row.bytesUp(), row)).toList());
        bytes.addSeries("server to client", names, rows.stream().map(row -> perEvent(row.bytesDown(), row)).toList());
        BitmapEncoder.saveBitmap(bytes, directory.resolve("bytes").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double atLeast(double millis) {
        return Double.isNaN(millis) ? 0.1 : Math.max(millis, 0.1); // a log axis cannot show 0
    }

    private static double perEvent(long bytes, ComparisonRunner.Row row) {
        return row.delivered() == 0 ? 0 : (double) bytes / row.delivered();
    }
}
