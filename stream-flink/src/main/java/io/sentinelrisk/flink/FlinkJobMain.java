package io.sentinelrisk.flink;

public final class FlinkJobMain {
    public static void main(String[] args) {
    }
}
