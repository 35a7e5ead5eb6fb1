package io.sentinelrisk.report;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/** One look for every plot: white background, large readable fonts, a colour per detector. */
final class ChartStyle {
    static final int WIDTH = 960;
    static final int HEIGHT = 560;
    static final Color NORMAL = new Color(0x4C78A8);
    static final Color ANOMALY = new Color(0xE45756);
    static final Color GREY = new Color(0x9E9E9E);
    /** Tableau 10: distinct for the usual handful of detectors. */
    private static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
        new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1),
        new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};

    private ChartStyle() {
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static Color[] palette(int n) {
        Color[] c = new Color[n];
        for (int i = 0; i < n; i++) {
            c[i] = color(i);
        }
        return c;
    }

    static void apply(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        s.setChartTitleBoxVisible(false);
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setLegendBorderColor(GREY);
        s.setChartPadding(14);
        s.setAntiAlias(true);
    }

    static void axes(AxesChartStyler s) {
        apply(s);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(GREY);
        s.setPlotGridLinesColor(new Color(0xE6E6E6));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTitlePadding(10);
    }
}
