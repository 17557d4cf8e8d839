package dev.gregor.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class of core (see junit-platform.properties); fails a test class after which Netty's leak detector (paranoid in this module's tests) reports a buffer that was
 * garbage-collected without being released. Detection follows garbage collection, so it can miss a leak, never invent
 * one.
 */
public final class BufferLeakCheck implements AfterAllCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ByteBufUtil.setLeakListener((resourceType, records) -> LEAKS.add(resourceType + " leaked:" + records));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (int round = 0; round < 5; round++) {
            System.gc();
            // The detector reports collected, unreleased buffers when the next buffers are allocated.
            for (int i = 0; i < 100; i++) {
                ByteBufAllocator.DEFAULT.buffer(1).release();
            }
        }
        assertThat(LEAKS).as("buffers leaked by " + context.getDisplayName()).isEmpty();
    }
}
