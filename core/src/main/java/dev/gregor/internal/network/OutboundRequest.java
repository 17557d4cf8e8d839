package dev.gregor.internal.network;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.message.ApiKey;

/**
 * A request on its way to a broker and the future its response completes. Requests that expect no response
 * (Produce with acks=0) complete with {@code null} once written. The request body is released exactly once, by
 * whichever of the codec (after encoding) or the failed write (when the channel was already closed) comes first.
 */
final class OutboundRequest {

    private final ApiKey api;
    private final short version;
    private final ProtocolMessage body;
    private final boolean expectsResponse;
    private final long timeoutMillis;
    private final CompletableFuture<ProtocolMessage> response = new CompletableFuture<>();
    private final AtomicBoolean released = new AtomicBoolean();

    OutboundRequest(ApiKey api, short version, ProtocolMessage body, boolean expectsResponse, long timeoutMillis) {
        this.api = api;
        this.version = version;
        this.body = body;
        this.expectsResponse = expectsResponse;
        this.timeoutMillis = timeoutMillis;
    }

    ApiKey api() {
        return api;
    }

    short version() {
        return version;
    }

    ProtocolMessage body() {
        return body;
    }

    boolean expectsResponse() {
        return expectsResponse;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** Completed with the response message (which its receiver must release) or with the failure. */
    CompletableFuture<ProtocolMessage> response() {
        return response;
    }

    /** Releases the body's buffers; later calls do nothing. */
    void releaseBody() {
        if (released.compareAndSet(false, true)) {
            body.release();
        }
    }
}
