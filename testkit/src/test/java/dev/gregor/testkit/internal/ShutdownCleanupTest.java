package dev.gregor.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The exit-time cleanup on its own instance (never the JVM's, which holds other tests' clusters). */
class ShutdownCleanupTest {

    private final ShutdownCleanup cleanup = new ShutdownCleanup();

    @Test
    void aResourceWithoutGraceIsClosedAtOnce() {
        Counting resource = new Counting();
        cleanup.add(resource, Duration.ZERO);

        cleanup.closeAll();

        assertThat(resource.closes.get()).isEqualTo(1);
    }

    @Test
    void aResourceItsOwnerClosesWithinTheGraceIsLeftToTheOwner() throws InterruptedException {
        Counting owned = new Counting();
        Counting plain = new Counting();
        cleanup.add(owned, Duration.ofMinutes(1));
        cleanup.add(plain, Duration.ZERO);
        Thread hook = new Thread(cleanup::closeAll);
        long started = System.nanoTime();
        hook.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> hook.getState() == Thread.State.TIMED_WAITING);
        assertThat(plain.closes.get()).as("closed before waiting for the owner").isEqualTo(1);
        cleanup.remove(owned);
        hook.join(Duration.ofSeconds(10).toMillis());

        assertThat(hook.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(owned.closes.get()).as("closes by the hook").isZero();
    }

    @Test
    void aResourceItsOwnerLeftOpenIsClosedOnceTheGraceHasPassed() {
        Counting owned = new Counting();
        Duration grace = Duration.ofMillis(300);
        cleanup.add(owned, grace);
        long started = System.nanoTime();

        cleanup.closeAll();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(grace);
        assertThat(owned.closes.get()).isEqualTo(1);
    }

    private static final class Counting implements AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
