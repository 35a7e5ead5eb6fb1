package io.sentinelrisk.report;

/**
 * Plots are drawn off screen: servers and CI machines have no display. The property must be set
 * before the first AWT class initialises, so every entry point of this module calls
 * {@link #ensure()} first.
 */
final class Headless {
    private Headless() {
    }

    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
