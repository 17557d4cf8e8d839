package dev.gregor.internal.network;

import dev.gregor.security.SecurityProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * On a connection without TLS, looks at the first bytes the broker sends: a TLS record there (a content type of 20
 * to 23, then major version 3) means the listener speaks TLS, which as a Kafka response would read as a frame of
 * over 300 MB. Such a start fails the connection with the mismatch explained; any other lets the bytes through, and
 * the sniffer steps aside for good.
 */
final class TlsRecordSniffer extends ChannelInboundHandlerAdapter {

    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int APPLICATION_DATA = 23;
    private static final int TLS_MAJOR_VERSION = 3;

    private final BrokerAddress broker;
    private final SecurityProtocol client;

    TlsRecordSniffer(BrokerAddress broker, SecurityProtocol client) {
        this.broker = broker;
        this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ctx.pipeline().remove(this);
        ByteBuf start = (ByteBuf) message;
        if (start.readableBytes() >= 2 && isTlsRecord(start.getUnsignedByte(start.readerIndex()),
                start.getUnsignedByte(start.readerIndex() + 1))) {
            start.release();
            ctx.fireExceptionCaught(SecurityMismatch.tlsListener(broker, client));
            return;
        }
        ctx.fireChannelRead(message);
    }

    private static boolean isTlsRecord(int contentType, int majorVersion) {
        return contentType >= CHANGE_CIPHER_SPEC && contentType <= APPLICATION_DATA && majorVersion == TLS_MAJOR_VERSION;
    }
}
