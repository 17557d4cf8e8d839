package dev.gregor.support;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The live threads of this JVM that send for a producer engine, on either backend, by name. */
public final class SenderThreads {

    private SenderThreads() {
    }

    /** The names of the sender threads alive now. */
    public static Set<String> live() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("gregor-producer-") || name.startsWith("kafka-producer-network-thread"))
                .collect(Collectors.toSet());
    }

    /** The names of the sender threads alive now that were not in {@code before}. */
    public static Set<String> startedSince(Set<String> before) {
        Set<String> started = new HashSet<>(live());
        started.removeAll(before);
        return started;
    }
}
