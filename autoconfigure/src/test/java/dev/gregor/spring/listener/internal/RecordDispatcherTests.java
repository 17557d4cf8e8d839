package dev.gregor.spring.listener.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gregor.Message;
import dev.gregor.spring.listener.RetryBackoff;
import org.junit.jupiter.api.Test;

class RecordDispatcherTests {

    @Test
    void aNotRetryableFailureOrOneItCausedIsNotRetried() throws Exception {
        assertThat(attempts(new UnsupportedOperationException("never"))).isEqualTo(1);
        assertThat(attempts(new IllegalStateException("wrapped", new UnsupportedOperationException("never"))))
                .isEqualTo(1);
        assertThat(attempts(new IllegalStateException("maybe next time"))).isEqualTo(4);
    }

    private static int attempts(RuntimeException failure) throws Exception {
        Failing bean = new Failing(failure);
        RecordDispatcher dispatcher = new RecordDispatcher(
                new ListenerInvoker(bean, Failing.class.getDeclaredMethod("receive", String.class), null), 4,
                RetryBackoff.fixed(Duration.ZERO), Set.of(UnsupportedOperationException.class), null, () -> 0.5,
                new ObservedCalls(null, "test", null));
        Message message = new Message("t", 0, 7, 0, null, "v".getBytes(StandardCharsets.UTF_8), List.of());

        assertThatThrownBy(() -> dispatcher.dispatch(message, null, () -> false)).isInstanceOf(ListenerFailedException.class)
                .hasRootCauseMessage(rootMessage(failure));
        return bean.calls.get();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    static final class Failing {
        final AtomicInteger calls = new AtomicInteger();
        final RuntimeException failure;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        void receive(String value) {
            calls.incrementAndGet();
            throw failure;
        }
    }
}
