package io.sentinelrisk.report;

import io.sentinelrisk.core.metrics.Confusion;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * A 2×2 confusion matrix drawn with Java 2D (a heat map would colour three cells alike next to
 * thousands of true negatives): actual class per row, predicted per column, each cell with its
 * count and its share of the actual class; correct cells blue, errors red, deeper for a larger share.
 */
final class ConfusionMatrixImage {
    static final int WIDTH = 760;
    static final int HEIGHT = 540;
    private static final int CELL_W = 250;
    private static final int CELL_H = 170;
    private static final int X0 = 190;
    private static final int Y0 = 150;

    static {
        Headless.ensure();
    }

    private ConfusionMatrixImage() {
    }

    static byte[] png(String title, String subtitle, Confusion m) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            centred(g, title, new Font(Font.SANS_SERIF, Font.BOLD, 20), WIDTH / 2, 36);
            g.setColor(new Color(0x52606D));
            centred(g, subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 15), WIDTH / 2, 62);

            g.setColor(Color.BLACK);
            Font axis = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
            Font labels = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
            centred(g, "Predicted", axis, X0 + CELL_W, Y0 - 52);
            centred(g, "normal", labels, X0 + CELL_W / 2, Y0 - 16);
            centred(g, "anomaly", labels, X0 + CELL_W + CELL_W / 2, Y0 - 16);
            rightAligned(g, "normal", labels, X0 - 14, Y0 + CELL_H / 2 + 6);
            rightAligned(g, "anomaly", labels, X0 - 14, Y0 + CELL_H + CELL_H / 2 + 6);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            centred(g, "Actual", axis, -(Y0 + CELL_H), 48);
            g.setTransform(saved);

            long normals = m.tn() + m.fp();
            long anomalies = m.tp() + m.fn();
            cell(g, 0, 0, "TN", m.tn(), normals, "normal", true);
            cell(g, 1, 0, "FP", m.fp(), normals, "normal", false);
            cell(g, 0, 1, "FN", m.fn(), anomalies, "anomalous", false);
            cell(g, 1, 1, "TP", m.tp(), anomalies, "anomalous", true);
            g.setColor(new Color(0x9E9E9E));
            g.setStroke(new BasicStroke(1.5f));
            g.drawRect(X0, Y0, 2 * CELL_W, 2 * CELL_H);
            g.drawLine(X0 + CELL_W, Y0, X0 + CELL_W, Y0 + 2 * CELL_H);
            g.drawLine(X0, Y0 + CELL_H, X0 + 2 * CELL_W, Y0 + CELL_H);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void cell(Graphics2D g, int col, int row, String name, long count, long rowTotal, String actual,
                             boolean correct) {
        double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
        Color base = correct ? new Color(0x4292C6) : new Color(0xE45756);
        g.setColor(blend(base, 0.08 + 0.7 * share));
        int x = X0 + col * CELL_W;
        int y = Y0 + row * CELL_H;
        g.fillRect(x, y, CELL_W, CELL_H);
        g.setColor(new Color(0x3E4C59));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(name, x + 10, y + 22);
        g.setColor(Color.BLACK);
        centred(g, String.format(Locale.ROOT, "%,d", count), new Font(Font.SANS_SERIF, Font.BOLD, 32), x + CELL_W / 2, y + CELL_H / 2 + 8);
        centred(g, percent(share) + " of " + actual + " rows",
                new Font(Font.SANS_SERIF, Font.PLAIN, 14), x + CELL_W / 2, y + CELL_H / 2 + 38);
    }

    /** One decimal, without rounding a few rows to 0% or nearly all of them to 100%. */
    static String percent(double share) {
        if (share > 0 && share < 0.0005) {
            return "<0.1%";
        }
        if (share < 1 && share > 0.9995) {
            return ">99.9%";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** {@code c} mixed into white: 0 = white, 1 = c. */
    private static Color blend(Color c, double amount) {
        double a = Math.max(0, Math.min(1, amount));
        return new Color((int) Math.round(255 + (c.getRed() - 255) * a), (int) Math.round(255 + (c.getGreen() - 255) * a),
                (int) Math.round(255 + (c.getBlue() - 255) * a));
    }

    private static void centred(Graphics2D g, String text, Font font, int cx, int baseline) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, cx - fm.stringWidth(text) / 2, baseline);
    }

    private static void rightAligned(Graphics2D g, String text, Font font, int right, int baseline) {
        g.setFont(font);
        g.drawString(text, right - g.getFontMetrics().stringWidth(text), baseline);
    }
}
