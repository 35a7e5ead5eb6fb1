package io.sentinelrisk.cli.stream;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * What every command that scores a Kafka topic needs, named the same in each: the bundle, the
 * brokers, the topic of raw events and the topic the alerts go to ({@code stream run},
 * {@code flink run}).
 */
public final class KafkaScoringOptions {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE.srb", description = "The bundle to score with.")
    public Path model;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    public String bootstrap;

    @Option(names = "--in", required = true, paramLabel = "TOPIC", description = "Topic of raw events, one JSON object per message.")
    public String in;

    @Option(names = "--out", required = true, paramLabel = "TOPIC", description = "Topic the alerts (Alert JSON) are written to.")
    public String out;
}
