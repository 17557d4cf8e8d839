package dev.gregor.internal.protocol;

import java.util.UUID;

/** Shared default values of generated message fields. */
public final class ProtocolDefaults {

    /** The default of {@code bytes} fields: no bytes. Never written to, as it has no elements. */
    public static final byte[] EMPTY_BYTES = new byte[0];

    /** The default of {@code uuid} fields, Kafka's "zero" UUID (all bits clear). */
    public static final UUID ZERO_UUID = new UUID(0L, 0L);

    private ProtocolDefaults() {
    }
}
