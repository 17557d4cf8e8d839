package dev.gregor.testkit.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection through the proxy and its connection to the broker, carried by four tasks: one reads
 * requests (and decides their fate), one reads responses, and one writer per side sends frames when they are due.
 * Frames are read and written whole, so faults can act per request; a connection accepted while blackholed has no
 * broker side at all and only swallows what it is sent.
 */
final class ProxyConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyConnection.class);
    private static final int LARGEST_FRAME = 256 * 1024 * 1024;
    private static final int READ_BUFFER = 64 * 1024;

    private final Socket client;
    private final Socket broker;
    private final FaultPlan plan;
    private final Consumer<ProxyConnection> onClose;
    private final Outbox toBroker = new Outbox();
    private final Outbox toClient = new Outbox();
    private final Queue<Outbox.Slot> awaitingResponses = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A connection between {@code client} and {@code broker} (null: swallow everything). */
    ProxyConnection(Socket client, Socket broker, FaultPlan plan, Consumer<ProxyConnection> onClose) {
        this.client = client;
        this.broker = broker;
        this.plan = plan;
        this.onClose = onClose;
    }

    /** Starts carrying traffic on {@code threads} (four of them while the connection lasts). */
    void start(Executor threads) {
        threads.execute(this::readRequests);
        if (broker != null) {
            threads.execute(this::readResponses);
            threads.execute(() -> write(toBroker, broker, plan.toBroker(), plan.counters().bytesToBroker));
            threads.execute(() -> write(toClient, client, plan.toClients(), plan.counters().bytesToClients));
        }
    }

    /** Closes both sockets; the tasks end. Returns whether this call closed it. */
    boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        closeQuietly(client);
        if (broker != null) {
            closeQuietly(broker);
        }
        toBroker.close();
        toClient.close();
        onClose.accept(this);
        return true;
    }

    private void readRequests() {
        try (DataInputStream in = frames(client)) {
            byte[] frame;
            while ((frame = readFrame(in)) != null) {
                if (broker == null || plan.blackholed()) {
                    plan.counters().requestsBlackholed.incrementAndGet();
                } else {
                    route(frame);
                }
            }
        } catch (IOException gone) {
            // the client left, or the connection was cut
        } finally {
            close();
        }
    }

    private void route(byte[] frame) {
        KafkaRequestHeader header = KafkaRequestHeader.parse(frame);
        ApiRule rule = header == null ? null : plan.ruleFor(header.apiKey());
        long now = System.nanoTime();
        if (rule != null && rule.action() == ApiRule.Action.ANSWER_ERROR) {
            byte[] answer = errorAnswer(frame, rule.errorCode());
            if (answer != null) {
                plan.counters().errorsAnswered.incrementAndGet();
                toClient.add(answer, now + plan.responseLatencyNanos());
                return;
            }
            rule = null;
        }
        if (header != null && header.expectsResponse()) {
            awaitingResponses.add(toClient.reserve(delivery(rule), header.correlationId(), delay(rule)));
        }
        toBroker.add(frame, now + plan.requestLatencyNanos());
    }

    private Outbox.Delivery delivery(ApiRule rule) {
        if (rule == null) {
            return Outbox.Delivery.FORWARD;
        }
        return switch (rule.action()) {
            case DROP_RESPONSE -> Outbox.Delivery.WITHHOLD;
            case DROP_RESPONSE_AND_CLOSE -> Outbox.Delivery.CLOSE;
            default -> Outbox.Delivery.FORWARD;
        };
    }

    private long delay(ApiRule rule) {
        if (rule == null || rule.action() != ApiRule.Action.DELAY_RESPONSE) {
            return 0;
        }
        plan.counters().responsesDelayed.incrementAndGet();
        return rule.delayNanos();
    }

    private static byte[] errorAnswer(byte[] frame, int code) {
        try {
            return ErrorResponses.get().answer(frame, code);
        } catch (IllegalStateException e) {
            LOG.warn("The fault proxy forwards a request it was told to answer with error {}: {}", code, e.getMessage());
            return null;
        }
    }

    private void readResponses() {
        try (DataInputStream in = frames(broker)) {
            byte[] frame;
            while ((frame = readFrame(in)) != null) {
                int correlationId = frame.length >= 8 ? ByteBuffer.wrap(frame).getInt(4) : -1;
                Outbox.Slot slot = awaitingResponses.poll();
                while (slot != null && slot.correlationId != correlationId) {
                    toClient.fill(slot, null, 0);
                    slot = awaitingResponses.poll();
                }
                long due = System.nanoTime() + plan.responseLatencyNanos();
                if (slot == null) {
                    toClient.add(frame, due);
                } else {
                    toClient.fill(slot, frame, due + slot.extraDelayNanos);
                }
            }
        } catch (IOException gone) {
            // the broker stopped, or the connection was cut
        } finally {
            close();
        }
    }

    private void write(Outbox outbox, Socket to, Throttle throttle, AtomicLong written) {
        boolean withholding = false;
        try {
            OutputStream out = to.getOutputStream();
            Outbox.Slot slot;
            while ((slot = outbox.next()) != null) {
                if (slot.delivery == Outbox.Delivery.CLOSE) {
                    plan.counters().responsesDropped.incrementAndGet();
                    return;
                }
                if (slot.delivery == Outbox.Delivery.WITHHOLD && !withholding) {
                    plan.counters().responsesDropped.incrementAndGet();
                    withholding = true;
                }
                if (!withholding && slot.frame() != null && !(outbox == toClient && plan.blackholed())) {
                    send(slot.frame(), out, throttle);
                    written.addAndGet(slot.frame().length);
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the other side left or the connection was cut
        } finally {
            close();
        }
    }

    private static void send(byte[] frame, OutputStream out, Throttle throttle) throws IOException, InterruptedException {
        int offset = 0;
        while (offset < frame.length) {
            int length = throttle.chunk(frame.length - offset);
            throttle.pass(length);
            out.write(frame, offset, length);
            offset += length;
        }
        out.flush();
    }

    private static DataInputStream frames(Socket socket) throws IOException {
        return new DataInputStream(new BufferedInputStream(socket.getInputStream(), READ_BUFFER));
    }

    /** The next frame, its length prefix included; null at the end of the stream. */
    private static byte[] readFrame(DataInputStream in) throws IOException {
        int size;
        try {
            size = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        if (size < 0 || size > LARGEST_FRAME) {
            throw new IOException("not a Kafka frame: size " + size);
        }
        byte[] frame = new byte[4 + size];
        ByteBuffer.wrap(frame).putInt(size);
        in.readFully(frame, 4, size);
        return frame;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
