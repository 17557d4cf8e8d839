package dev.gregor.internal.group;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A subscription a test changes by hand: {@link #set} replaces the topics and tells the listeners. */
final class TestSubscription implements GroupSubscription {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile SortedMap<String, Integer> topics;

    TestSubscription(Map<String, Integer> topics) {
        this.topics = new TreeMap<>(topics);
    }

    @Override
    public SortedMap<String, Integer> topics() {
        return new TreeMap<>(topics);
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** From now on the member reads {@code topics}; the listeners hear of it at once. */
    void set(Map<String, Integer> topics) {
        this.topics = new TreeMap<>(topics);
        listeners.forEach(Runnable::run);
    }
}
