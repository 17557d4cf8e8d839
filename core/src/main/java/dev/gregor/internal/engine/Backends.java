package dev.gregor.internal.engine;

import java.util.ServiceLoader;

import dev.gregor.Backend;
import dev.gregor.InvalidConfigException;

/** Finds the provider of a {@link Backend} other than {@code NATIVE}, or explains how to add it. */
public final class Backends {

    private static final String ARTIFACT = "dev.gregor:gregor-backend-kafka-clients";

    private Backends() {
    }

    /** The provider of {@code backend}; fails naming the missing artifact when it is not on the class path. */
    public static BackendProvider provider(Backend backend) {
        return ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new InvalidConfigException("backend", backend, "a backend on the class path: "
                        + backend + " needs the artifact " + ARTIFACT + " (add it as a dependency, same version as"
                        + " gregor-core), or use Backend.NATIVE"));
    }
}
