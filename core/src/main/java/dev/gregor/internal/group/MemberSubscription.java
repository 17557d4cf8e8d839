package dev.gregor.internal.group;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The data of a member node: which topics the member reads, in the JSON shape PyKafka and Kafka's old consumers
 * write ({@code {"version":1,"subscription":{"<topic>":1,...},"pattern":"static","timestamp":"<ms>"}}).
 */
final class MemberSubscription {

    private static final String SUBSCRIPTION_KEY = "\"subscription\"";
    private static final Pattern TOPIC_KEY = Pattern.compile("\"([^\"]+)\"\\s*:");

    private MemberSubscription() {
    }

    /**
     * The node data of a member reading {@code topics} (topic names need no JSON escaping), registered at
     * {@code timestampMillis}; the topics are written in sorted order.
     */
    static byte[] encode(Collection<String> topics, long timestampMillis) {
        String subscription = new TreeSet<>(topics).stream().map(topic -> "\"" + topic + "\":1")
                .collect(Collectors.joining(","));
        return String.format("{\"version\":1,\"subscription\":{%s},\"pattern\":\"static\",\"timestamp\":\"%d\"}",
                subscription, timestampMillis).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The topics named in member node data's subscription object; none if it has none. Only that fixed shape is
     * understood: the subscription is a flat object of topic names to counts, and topic names never need escaping.
     */
    static Set<String> topics(byte[] data) {
        String json = new String(data, StandardCharsets.UTF_8);
        int key = json.indexOf(SUBSCRIPTION_KEY);
        int open = key < 0 ? -1 : json.indexOf('{', key + SUBSCRIPTION_KEY.length());
        int close = open < 0 ? -1 : json.indexOf('}', open);
        Set<String> topics = new TreeSet<>();
        if (close >= 0) {
            Matcher topic = TOPIC_KEY.matcher(json.substring(open + 1, close));
            while (topic.find()) {
                topics.add(topic.group(1));
            }
        }
        return topics;
    }
}
