package io.sentinelrisk.stream.sim;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Produces each event as one message (value: the JSON object; key: the entity when the simulator
 * has one, so an entity's events stay in one partition and in order) with {@code acks=all} and an
 * idempotent producer; a batch counts as acknowledged when the broker has acknowledged every
 * message of it. The producer retries failed sends itself (retries are not counted here).
 */
public final class KafkaSink implements Sink {
    private final KafkaProducer<String, String> producer;
    private final String bootstrap;
    private final String topic;

    public KafkaSink(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "sentinel-simulate");
        this.producer = new KafkaProducer<>(p);
    }

    @Override
    public Delivery send(List<SimEvent> batch) {
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failed = new AtomicReference<>();
        for (SimEvent e : batch) {
            producer.send(new ProducerRecord<>(topic, e.key(), e.json()), (meta, ex) -> {
                if (ex != null) {
                    failed.compareAndSet(null, ex);
                } else {
                    acked.incrementAndGet();
                }
            });
        }
        producer.flush();
        if (failed.get() != null) {
            throw new SinkException(describe() + ": " + failed.get().getMessage(), failed.get());
        }
        return new Delivery(acked.get(), 0);
    }

    @Override
    public String describe() {
        return "kafka://" + bootstrap + "/" + topic;
    }

    @Override
    public void close() {
        producer.close();
    }
}
