package dev.entdist.cli;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.divergence.Kernels;
import dev.entdist.pipeline.Comparison;
import dev.entdist.pipeline.RepeatedComparison;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The panels of {@code compare --chart} that look at single occurrences, where soft and one-hot
 * training differ most (type-level means hide it): each label's predicted probability against
 * the annotators' for every held-out occurrence, and the mean entropy of the predictions against
 * the references' by context kind (the extra field {@code cue} of the bundled corpus: a decisive
 * cue nearby, a decisive cue far away, a suggestive or a vague context).
 */
final class OccurrenceCharts {

  /** A label of an occurrence is plotted when annotated or predicted at least this likely. */
  static final double PLOTTED = 0.02;

  /** The context kinds of the bundled corpus, in the order of the panel. */
  static final List<String> KINDS = List.of("local", "distant", "suggestive", "vague");

  private OccurrenceCharts() {}

  /**
   * Predicted against annotated probability, one point per held-out occurrence and label in
   * play, one series per regime (every split pooled), with the diagonal of perfect agreement.
   */
  static XYChart probabilities(RepeatedComparison rc, Color[] colors, int w, int h) {
    XYChart chart = new XYChartBuilder().width(w).height(h)
        .title("Every held-out occurrence: predicted against annotated probability of each label")
        .xAxisTitle("annotated probability (mean of the judgements)")
        .yAxisTitle("predicted probability").build();
    CompareChart.style(chart.getStyler());
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(1.0);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setMarkerSize(5);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    int r = 0;
    for (String regime : rc.regimes()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (Comparison.Run run : rc.runs()) {
        double[][] pred = run.regime(regime).predictions();
        double[][] ref = run.references();
        for (int i = 0; i < ref.length; i++) {
          for (int k = 0; k < ref[i].length; k++) {
            if (ref[i][k] >= PLOTTED || pred[i][k] >= PLOTTED) {
              x.add(ref[i][k]);
              y.add(pred[i][k]);
            }
          }
        }
      }
      Color c = colors[r++ % colors.length];
      XYSeries s = chart.addSeries(regime, x, y);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 70));
      double[][] means = binnedMeans(x, y);
      XYSeries line = chart.addSeries(regime + ": mean prediction per tenth", means[0],
          means[1]);
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setLineColor(c);
      line.setLineStyle(new BasicStroke(3f));
      line.setMarker(SeriesMarkers.DIAMOND);
      line.setMarkerColor(c);
    }
    XYSeries diagonal = chart.addSeries("prediction = annotation", new double[] {0, 1},
        new double[] {0, 1});
    diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    diagonal.setLineColor(Color.DARK_GRAY);
    diagonal.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
        10f, new float[] {6f, 6f}, 0f));
    diagonal.setMarker(SeriesMarkers.NONE);
    return chart;
  }

  /**
   * The mean of {@code y} in each tenth of {@code x} (the last tenth closed), at the mean
   * {@code x} of the tenth; empty tenths are left out.
   */
  static double[][] binnedMeans(List<Double> x, List<Double> y) {
    double[] sx = new double[10];
    double[] sy = new double[10];
    int[] n = new int[10];
    for (int i = 0; i < x.size(); i++) {
      int b = Math.min((int) (x.get(i) * 10), 9);
      sx[b] += x.get(i);
      sy[b] += y.get(i);
      n[b]++;
    }
    List<double[]> points = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      if (n[b] > 0) {
        points.add(new double[] {sx[b] / n[b], sy[b] / n[b]});
      }
    }
    double[][] out = new double[2][points.size()];
    for (int i = 0; i < points.size(); i++) {
      out[0][i] = points.get(i)[0];
      out[1][i] = points.get(i)[1];
    }
    return out;
  }

  /**
   * Mean entropy of the references and of each regime's predictions per context kind (every
   * split pooled); a corpus without the {@code cue} field has one group, "all".
   */
  static CategoryChart entropyByKind(RepeatedComparison rc, Color reference, Color[] colors,
      int w, int h) {
    Map<String, double[]> refSum = new LinkedHashMap<>();
    Map<String, Map<String, Double>> predSum = new LinkedHashMap<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    for (Comparison.Run run : rc.runs()) {
      for (int i = 0; i < run.heldOut().size(); i++) {
        String kind = kind(run.heldOut().get(i));
        double[] ref = run.references()[i];
        refSum.computeIfAbsent(kind, x -> new double[1])[0] += Kernels.entropy(ref, 0,
            ref.length);
        count.merge(kind, 1, Integer::sum);
        for (String regime : rc.regimes()) {
          double[] p = run.regime(regime).predictions()[i];
          predSum.computeIfAbsent(regime, x -> new LinkedHashMap<>())
              .merge(kind, Kernels.entropy(p, 0, p.length), Double::sum);
        }
      }
    }
    List<String> kinds = new ArrayList<>();
    for (String k : KINDS) {
      if (count.containsKey(k)) {
        kinds.add(k);
      }
    }
    new TreeSet<>(count.keySet()).stream().filter(k -> !kinds.contains(k)).forEach(kinds::add);
    List<String> names = kinds.stream().map(k -> k + " (" + count.get(k) + ")").toList();
    CategoryChart chart = new CategoryChartBuilder().width(w).height(h)
        .title("Mean entropy by context kind (nats; held-out occurrences in brackets)")
        .yAxisTitle("nats").build();
    CompareChart.style(chart.getStyler());
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setXAxisTitleVisible(false);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setAvailableSpaceFill(0.8);
    List<Color> series = new ArrayList<>();
    chart.addSeries("reference", names,
        kinds.stream().map(k -> refSum.get(k)[0] / count.get(k)).toList());
    series.add(reference);
    int r = 0;
    for (String regime : rc.regimes()) {
      Map<String, Double> sums = predSum.get(regime);
      chart.addSeries(regime, names,
          kinds.stream().map(k -> sums.get(k) / count.get(k)).toList());
      series.add(colors[r++ % colors.length]);
    }
    chart.getStyler().setSeriesColors(series.toArray(Color[]::new));
    return chart;
  }

  /** The occurrence's context kind: its {@code cue} field, or "all" without one. */
  static String kind(AnnotatedExample e) {
    Object cue = e.extra().get("cue");
    return cue == null ? "all" : cue.toString();
  }
}
