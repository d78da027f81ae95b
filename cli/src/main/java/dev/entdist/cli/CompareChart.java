package dev.entdist.cli;

import dev.entdist.pipeline.Comparison;
import dev.entdist.pipeline.RepeatedComparison;
import dev.entdist.trainer.Evaluation.Metrics;

import dev.entdist.divergence.Kernels;
import dev.entdist.trainer.Evaluation;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of {@code compare --chart OUT.png}: one PNG of {@value #WIDTH} × {@value #HEIGHT}
 * pixels. On the left, one panel per word (three columns; the legend in the first) with grouped
 * bars: for each label the word shows, the
 * type-level probability of the reference and of each regime (with ± one standard deviation over
 * the splits when there are several). On the right, a reliability diagram (accuracy against
 * confidence in the {@value Evaluation#ECE_BINS} equal-width bins of the expected calibration
 * error, pooled over the splits) and the mean entropy of the in-context predictions next to the
 * references'. Below, two panels on single occurrences ({@link OccurrenceCharts}): each label's
 * predicted against annotated probability, and mean entropies by context kind. Drawn headless.
 */
final class CompareChart {

  /** Width of the image in pixels. */
  static final int WIDTH = 1800;

  /** Height of the image in pixels. */
  static final int HEIGHT = 1800;

  /** Height of the top part: the word panels and, beside them, reliability and entropy. */
  private static final int TOP_HEIGHT = 1200;

  private static final int WORDS_WIDTH = 1200;
  private static final int COLUMNS = 3;
  private static final double SHOWN = 0.01;
  private static final Color REFERENCE = new Color(90, 90, 90);
  private static final Color[] REGIMES = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
    new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
    new Color(227, 119, 194), new Color(188, 189, 34)
  };

  private CompareChart() {}

  /** Draws the chart and writes it atomically as a PNG. */
  static void write(Path file, RepeatedComparison rc) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = render(rc);
    AtomicOutput.write(file, tmp -> {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        if (!ImageIO.write(image, "png", out)) {
          throw new IOException("no PNG writer available");
        }
      }
    });
  }

  /** The whole image. */
  static BufferedImage render(RepeatedComparison rc) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      List<String> words = rc.words();
      int rows = Math.max(1, (words.size() + COLUMNS - 1) / COLUMNS);
      int panelWidth = WORDS_WIDTH / COLUMNS;
      int panelHeight = TOP_HEIGHT / rows;
      for (int i = 0; i < words.size(); i++) {
        int x = (i % COLUMNS) * panelWidth;
        int y = (i / COLUMNS) * panelHeight;
        CategoryChart chart = wordChart(rc, words.get(i), panelWidth, panelHeight);
        chart.getStyler().setLegendVisible(i == 0);
        paint(g, chart, x, y, panelWidth, panelHeight);
      }
      int side = WIDTH - WORDS_WIDTH;
      int half = TOP_HEIGHT / 2;
      paint(g, reliabilityChart(rc, side, half), WORDS_WIDTH, 0, side, half);
      paint(g, entropyChart(rc, side, half), WORDS_WIDTH, half, side, half);
      int bottom = HEIGHT - TOP_HEIGHT;
      paint(g, OccurrenceCharts.probabilities(rc, REGIMES, WIDTH / 2, bottom), 0, TOP_HEIGHT,
          WIDTH / 2, bottom);
      paint(g, OccurrenceCharts.entropyByKind(rc, REFERENCE, REGIMES, WIDTH / 2, bottom),
          WIDTH / 2, TOP_HEIGHT, WIDTH / 2, bottom);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void paint(Graphics2D g, Object chart, int x, int y, int w, int h) {
    Graphics2D panel = (Graphics2D) g.create(x, y, w, h);
    try {
      if (chart instanceof CategoryChart c) {
        c.paint(panel, w, h);
      } else {
        ((XYChart) chart).paint(panel, w, h);
      }
    } finally {
      panel.dispose();
    }
  }

  /** Grouped bars: x = the labels the word shows, one series per reference and regime. */
  private static CategoryChart wordChart(RepeatedComparison rc, String word, int w, int h) {
    List<Integer> counts = rc.heldOut(word);
    int min = counts.stream().mapToInt(Integer::intValue).filter(c -> c > 0).min().orElse(0);
    int max = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
    String title = word + " (" + (min == max ? min : min + "–" + max) + " held out"
        + (rc.repeats() > 1 ? " per split" : "") + ")";
    CategoryChart chart = new CategoryChartBuilder().width(w).height(h).title(title)
        .yAxisTitle("type-level probability").build();
    style(chart.getStyler());
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setAvailableSpaceFill(0.8);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setXAxisTitleVisible(false);
    chart.getStyler().setErrorBarsColor(Color.BLACK);
    chart.getStyler().setYAxisDecimalPattern("0.0");
    chart.getStyler().setYAxisTickMarkSpacingHint(60);

    double[] ref = rc.reference(word);
    List<Integer> shown = rc.shownLabels(word, SHOWN);
    List<String> labels = shown.stream().map(j -> rc.labels().get(j)).toList();
    List<Color> colors = new ArrayList<>();
    addBars(chart, "reference", labels, shown, ref, rc.repeats() > 1 ? rc.referenceStd(word)
        : null);
    colors.add(REFERENCE);
    int r = 0;
    for (String regime : rc.regimes()) {
      addBars(chart, regime, labels, shown, rc.words(regime, word),
          rc.repeats() > 1 ? rc.wordsStd(regime, word) : null);
      colors.add(REGIMES[r++ % REGIMES.length]);
    }
    chart.getStyler().setSeriesColors(colors.toArray(Color[]::new));
    return chart;
  }

  private static void addBars(CategoryChart chart, String name, List<String> labels,
      List<Integer> shown, double[] p, double[] std) {
    List<Double> y = shown.stream().map(j -> p[j]).toList();
    if (std == null) {
      chart.addSeries(name, labels, y);
    } else {
      chart.addSeries(name, labels, y,
          shown.stream().map(j -> Double.isNaN(std[j]) ? 0.0 : std[j]).toList());
    }
  }

  /** Accuracy against mean confidence per non-empty bin, one series per regime. */
  private static XYChart reliabilityChart(RepeatedComparison rc, int w, int h) {
    XYChart chart = new XYChartBuilder().width(w).height(h)
        .title("Reliability (" + Evaluation.ECE_BINS + " bins"
            + (rc.repeats() > 1 ? ", pooled over " + rc.repeats() + " splits" : "") + ")")
        .xAxisTitle("confidence (max predicted probability)")
        .yAxisTitle("top-1 accuracy").build();
    style(chart.getStyler());
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(1.0);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setMarkerSize(8);
    XYSeries diagonal = chart.addSeries("perfectly calibrated", new double[] {0, 1},
        new double[] {0, 1});
    diagonal.setLineColor(Color.LIGHT_GRAY);
    diagonal.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
        10f, new float[] {6f, 6f}, 0f));
    diagonal.setMarker(SeriesMarkers.NONE);
    int r = 0;
    for (String regime : rc.regimes()) {
      double[][] bins = reliability(rc, regime);
      Color color = REGIMES[r++ % REGIMES.length];
      String ece = String.format(Locale.ROOT, "%.3f", rc.mean(regime, Metrics::ece));
      XYSeries s = chart.addSeries(regime + " (ECE " + ece + ")", bins[0], bins[1]);
      s.setLineColor(color);
      s.setMarkerColor(color);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  /**
   * The reliability bins of a regime, pooled over every run: {@code [0]} the mean confidence and
   * {@code [1]} the top-1 accuracy of each non-empty bin, with the binning and tie rule of
   * {@link Evaluation}'s expected calibration error.
   */
  static double[][] reliability(RepeatedComparison rc, String regime) {
    int bins = Evaluation.ECE_BINS;
    double[] confidence = new double[bins];
    double[] correct = new double[bins];
    int[] count = new int[bins];
    for (Comparison.Run run : rc.runs()) {
      double[][] predictions = run.regimes().stream()
          .filter(rr -> rr.regime().equals(regime)).findFirst().orElseThrow().predictions();
      double[][] references = run.references();
      for (int i = 0; i < predictions.length; i++) {
        double[] p = predictions[i];
        int top = Kernels.argmax(p, 0, p.length);
        int bin = Math.min((int) (p[top] * bins), bins - 1);
        confidence[bin] += p[top];
        correct[bin] += top == Kernels.argmax(references[i], 0, p.length) ? 1 : 0;
        count[bin]++;
      }
    }
    List<double[]> points = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        points.add(new double[] {confidence[b] / count[b], correct[b] / count[b]});
      }
    }
    double[][] xy = new double[2][points.size()];
    for (int i = 0; i < points.size(); i++) {
      xy[0][i] = points.get(i)[0];
      xy[1][i] = points.get(i)[1];
    }
    return xy;
  }

  /** Mean entropy of the in-context distributions: references and each regime. */
  private static CategoryChart entropyChart(RepeatedComparison rc, int w, int h) {
    CategoryChart chart = new CategoryChartBuilder().width(w).height(h)
        .title("Mean entropy of the in-context distributions (nats)")
        .yAxisTitle("nats").build();
    style(chart.getStyler());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setXAxisTitleVisible(false);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    chart.getStyler().setDecimalPattern("0.000");
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    names.add("reference");
    values.add(rc.mean(rc.regimes().get(0), Metrics::meanEntropyRef));
    for (String regime : rc.regimes()) {
      names.add(regime);
      values.add(rc.mean(regime, Metrics::meanEntropyPred));
    }
    chart.addSeries("mean entropy", names, values);
    chart.getStyler().setSeriesColors(new Color[] {REGIMES[0]});
    return chart;
  }

  static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setLegendBorderColor(Color.LIGHT_GRAY);
    s.setChartTitleBoxVisible(false);
    s.setPlotBorderVisible(false);
    if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
      a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      a.setPlotGridLinesColor(new Color(230, 230, 230));
      a.setLocale(Locale.ROOT);
    }
  }
}
