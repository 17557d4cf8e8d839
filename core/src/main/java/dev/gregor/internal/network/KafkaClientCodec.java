package dev.gregor.internal.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.gregor.BrokerUnavailableException;
import dev.gregor.KafkaException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.ProtocolException;
import dev.gregor.internal.metrics.ClientCounters;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.MalformedMessageException;
import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.RequestHeader;
import dev.gregor.internal.protocol.message.ResponseHeader;
import dev.gregor.internal.security.TlsFailures;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Turns {@link OutboundRequest}s into Kafka request frames and response frames back into completed futures, for
 * one connection. Correlation ids are assigned here, on the channel's event loop, so every piece of state is
 * touched by that one thread only. Any response that cannot be matched or decoded closes the connection and fails
 * every request still waiting on it: a broken stream is never guessed at. While a SASL re-authentication runs, the
 * {@link Gate} holds every other request back, in order, and sends them once it is done.
 */
final class KafkaClientCodec extends ChannelDuplexHandler {

    /** Events that hold requests back during re-authentication and let them go afterwards. */
    enum Gate {
        HOLD, RELEASE
    }

    /** Reads a response frame (past its size prefix) into the message answering the request. */
    @FunctionalInterface
    interface ResponseReader {
        ProtocolMessage read(OutboundRequest request, ByteBuf frame);
    }

    private final String clientId;
    private final BrokerAddress address;
    private final String broker;
    private final ClientCounters counters;
    private final ResponseReader reader;
    private final IntObjectHashMap<InFlight> inFlight = new IntObjectHashMap<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private boolean holding;
    private int nextCorrelationId;
    private KafkaException closeReason;

    KafkaClientCodec(String clientId, BrokerAddress address, ClientCounters counters) {
        this(clientId, address, counters, KafkaClientCodec::readGenerated);
    }

    KafkaClientCodec(String clientId, BrokerAddress address, ClientCounters counters, ResponseReader reader) {
        this.clientId = clientId;
        this.address = address;
        this.broker = address.toString();
        this.counters = counters;
        this.reader = reader;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        OutboundRequest request = (OutboundRequest) message;
        if (holding && !isAuthentication(request.api())) {
            held.add(new Held(request, promise));
            return;
        }
        int correlationId = nextCorrelationId++;
        ByteBuf frame;
        try {
            frame = encode(ctx, request, correlationId);
        } catch (RuntimeException e) {
            request.response().completeExceptionally(e);
            promise.setFailure(e);
            return;
        } finally {
            request.releaseBody();
        }
        if (request.expectsResponse()) {
            ScheduledFuture<?> timeout = ctx.executor().schedule(() -> timeOut(ctx, correlationId),
                    request.timeoutMillis(), TimeUnit.MILLISECONDS);
            inFlight.put(correlationId, new InFlight(request, timeout, System.nanoTime()));
        }
        ctx.write(frame, promise).addListener(written -> {
            if (!written.isSuccess()) {
                InFlight failed = inFlight.remove(correlationId);
                if (failed != null) {
                    failed.timeout.cancel(false);
                }
                request.response().completeExceptionally(new BrokerUnavailableException(broker, written.cause()));
            } else if (!request.expectsResponse()) {
                request.response().complete(null);
            }
        });
    }

    private static boolean isAuthentication(ApiKey api) {
        return api == ApiKey.SASL_HANDSHAKE || api == ApiKey.SASL_AUTHENTICATE;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == Gate.HOLD) {
            holding = true;
        } else if (event == Gate.RELEASE) {
            holding = false;
            while (!held.isEmpty()) {
                Held next = held.poll();
                write(ctx, next.request, next.promise);
            }
            ctx.flush();
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    private ByteBuf encode(ChannelHandlerContext ctx, OutboundRequest request, int correlationId) {
        short headerVersion = request.api().requestHeaderVersion(request.version());
        RequestHeader header = new RequestHeader()
                .setRequestApiKey(request.api().id())
                .setRequestApiVersion(request.version())
                .setCorrelationId(correlationId)
                .setClientId(clientId);
        int size = header.size(headerVersion) + request.body().size(request.version());
        ByteBuf frame = ctx.alloc().ioBuffer(4 + size);
        try {
            frame.writeInt(size);
            header.write(frame, headerVersion);
            request.body().write(frame, request.version());
            return frame;
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf frame = (ByteBuf) message;
        InFlight waiting = null;
        try {
            if (frame.readableBytes() < 4) {
                throw new MalformedMessageException("response frame", frame.readableBytes() + " bytes, no correlation id");
            }
            int correlationId = frame.getInt(frame.readerIndex());
            waiting = inFlight.remove(correlationId);
            if (waiting == null) {
                throw new MalformedMessageException("response frame",
                        "correlation id " + correlationId + " matches no request in flight");
            }
            waiting.timeout.cancel(false);
            ProtocolMessage response = reader.read(waiting.request, frame);
            counters.answered(waiting.request.api(), System.nanoTime() - waiting.writtenAt);
            if (!waiting.request.response().complete(response)) {
                response.release();
            }
        } catch (MalformedMessageException e) {
            failUnreadable(ctx, waiting, "Gregor cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            // The decoders fail only with MalformedMessageException (the fuzzing holds them to it); anything else
            // is a bug in Gregor, which must still fail the request it took out of flight rather than leave it hanging.
            failUnreadable(ctx, waiting, "that failed to decode with " + e
                    + " (a bug in Gregor: please report it with this message)", e);
        } finally {
            frame.release();
        }
    }

    private void failUnreadable(ChannelHandlerContext ctx, InFlight waiting, String what, RuntimeException cause) {
        String response = waiting == null ? "a response" : "a " + waiting.request.api().title() + " v"
                + waiting.request.version() + " response";
        ProtocolException unreadable = new ProtocolException("Broker " + broker + " sent " + response + " " + what
                + "; the connection was dropped and will be re-established.", cause);
        if (waiting != null) {
            waiting.request.response().completeExceptionally(unreadable);
        }
        fail(ctx, unreadable);
    }

    private static ProtocolMessage readGenerated(OutboundRequest request, ByteBuf frame) {
        ApiKey api = request.api();
        ResponseHeader.read(frame, api.responseHeaderVersion(request.version()));
        return api.readResponse(frame, responseVersion(request, frame));
    }

    /**
     * A broker that does not speak the requested ApiVersions version answers in version 0 with
     * UNSUPPORTED_VERSION and its own range, so that the client can retry with a version it knows.
     */
    private static short responseVersion(OutboundRequest request, ByteBuf body) {
        if (request.api() == ApiKey.API_VERSIONS && body.readableBytes() >= 2
                && body.getShort(body.readerIndex()) == ErrorCode.UNSUPPORTED_VERSION.code()) {
            return 0;
        }
        return request.version();
    }

    private void timeOut(ChannelHandlerContext ctx, int correlationId) {
        InFlight expired = inFlight.remove(correlationId);
        if (expired != null) {
            expired.request.response().completeExceptionally(new KafkaTimeoutException(
                    expired.request.api().title() + " request to broker " + broker,
                    java.time.Duration.ofMillis(expired.request.timeoutMillis()),
                    "The broker may be overloaded or stuck; the connection was dropped and will be re-established."
                            + " Raise requestTimeout if the broker is just slow."));
            fail(ctx, new BrokerUnavailableException("Connection to broker " + broker
                    + " dropped after a request timed out; requests on it will be retried on a new connection."));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
            fail(ctx, new ProtocolException("Broker " + broker + " sent a response larger than maxResponseSize ("
                    + cause.getMessage() + "). Lower fetch sizes or raise maxResponseSize.", cause));
        } else if (TlsFailures.isTlsFailure(cause)) {
            // With TLS 1.3 a broker refuses a client certificate only after the client's side of the handshake ended.
            fail(ctx, TlsFailures.explain(broker, address.host(), cause));
        } else if (cause instanceof KafkaException explained) {
            fail(ctx, explained);
        } else {
            fail(ctx, new BrokerUnavailableException(broker, cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failAll(closeReason != null ? closeReason : new BrokerUnavailableException(broker, null));
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, KafkaException reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        failAll(reason);
        ctx.close();
    }

    private void failAll(KafkaException reason) {
        // Copy first: failing a future runs its callbacks, which may send new requests on this very thread.
        List<InFlight> waiting = new ArrayList<>(inFlight.values());
        inFlight.clear();
        List<Held> notSent = new ArrayList<>(held);
        held.clear();
        for (InFlight request : waiting) {
            request.timeout.cancel(false);
            request.request.response().completeExceptionally(reason);
        }
        for (Held request : notSent) {
            request.request.releaseBody();
            request.promise.tryFailure(reason);
            request.request.response().completeExceptionally(reason);
        }
    }

    private record InFlight(OutboundRequest request, ScheduledFuture<?> timeout, long writtenAt) {
    }

    private record Held(OutboundRequest request, ChannelPromise promise) {
    }
}
