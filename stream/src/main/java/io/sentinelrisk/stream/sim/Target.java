package io.sentinelrisk.stream.sim;

import io.sentinelrisk.core.error.InputException;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where {@code --to} points: {@code http(s)://HOST:PORT/PATH} (the server's events route) or
 * {@code kafka://HOST:PORT[,HOST:PORT…]/TOPIC}.
 */
public sealed interface Target permits Target.Http, Target.Kafka {
    record Http(URI uri) implements Target {
    }

    record Kafka(String bootstrap, String topic) implements Target {
    }

    static Target parse(String to) {
        String t = to.trim();
        if (t.startsWith("kafka://")) {
            String rest = t.substring("kafka://".length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
                throw new InputException("--to '" + to + "': expected kafka://HOST:PORT/TOPIC");
            }
            return new Kafka(rest.substring(0, slash), rest.substring(slash + 1));
        }
        if (t.startsWith("http://") || t.startsWith("https://")) {
            try {
                URI u = new URI(t);
                if (u.getHost() == null) {
                    throw new URISyntaxException(t, "no host");
                }
                return new Http(u);
            } catch (URISyntaxException e) {
                throw new InputException("--to '" + to + "': not a valid URL (" + e.getReason() + ")");
            }
        }
        throw new InputException("--to '" + to + "': expected http://HOST:PORT/v1/events or kafka://HOST:PORT/TOPIC");
    }
}
