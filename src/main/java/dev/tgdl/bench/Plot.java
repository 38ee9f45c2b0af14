package dev.tgdl.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a run's controller trace with XChart: workers and request rate on the left axis,
 * throughput (files per 10 s) on the right, and each flood wait as a mark at the time it happened.
 */
final class Plot {

    private Plot() {
    }

    static void write(RunResult run, Path file) throws IOException {
        List<RunResult.TracePoint> points = run.trace();
        if (points.size() < 2) {
            throw new IOException("the run of " + run.scenario() + "/" + run.policy() + " has no trace to plot");
        }
        XYChart chart = new XYChartBuilder().width(1100).height(600)
                .title("tgdl " + run.policy() + " on " + run.scenario() + String.format(Locale.ROOT,
                        " (efficiency %.2f, %d flood waits, %.0f s waited)", run.efficiency(), run.floodWaits(),
                        run.floodWaitSeconds()))
                .xAxisTitle("simulated seconds").yAxisTitle("workers, requests/s").build();
        chart.getStyler().setMarkerSize(4);
        chart.setYAxisGroupTitle(1, "files per 10 s");
        double[] t = points.stream().mapToDouble(RunResult.TracePoint::seconds).toArray();
        double[] workers = points.stream().mapToDouble(RunResult.TracePoint::workers).toArray();
        double[] rate = points.stream().mapToDouble(p -> p.delay() > 0 ? 1 / p.delay() : 0).toArray();
        double[] throughput = new double[t.length];
        double[] floodT = new double[0];
        for (int i = 0; i < t.length; i++) {
            int j = i;
            while (j > 0 && t[i] - t[j - 1] <= 10) {
                j--;
            }
            throughput[i] = points.get(i).files() - points.get(j).files();
        }
        List<Double> floods = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            for (long k = points.get(i - 1).floodWaits(); k < points.get(i).floodWaits(); k++) {
                floods.add(t[i]);
            }
        }
        floodT = floods.stream().mapToDouble(Double::doubleValue).toArray();
        chart.addSeries("workers", t, workers).setMarker(SeriesMarkers.NONE);
        chart.addSeries("requests/s", t, rate).setMarker(SeriesMarkers.NONE);
        XYSeries files = chart.addSeries("files per 10 s", t, throughput);
        files.setMarker(SeriesMarkers.NONE);
        files.setYAxisGroup(1);
        if (floodT.length > 0) {
            double[] zeros = new double[floodT.length];
            XYSeries marks = chart.addSeries("flood waits", floodT, zeros);
            marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marks.setMarker(SeriesMarkers.DIAMOND);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = file.toString().replaceFirst("\\.[A-Za-z]+$", "");
        if (name.endsWith(".svg")) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } else if (name.endsWith(".png")) {
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
        } else {
            throw new IOException("--plot takes a .svg or .png file, not " + file.getFileName());
        }
    }
}
