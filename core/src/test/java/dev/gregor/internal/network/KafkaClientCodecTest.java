package dev.gregor.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.gregor.ProtocolException;
import dev.gregor.internal.metrics.ClientCounters;
import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.ApiVersionsRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/**
 * The codec's promise that a response it cannot turn into a message fails its request and closes the connection,
 * whatever the reason: here the reading throws something no decoder is meant to throw (a bug in Gregor), which a
 * broker's bytes cannot provoke on purpose (the decoder fuzzing found no such input).
 */
class KafkaClientCodecTest {

    private static final BrokerAddress BROKER = new BrokerAddress("127.0.0.1", 9092);

    @Test
    void aResponseWhoseReadingFailsUnexpectedlyFailsItsRequestAndEveryOtherOneAndClosesTheConnection() {
        IllegalStateException bug = new IllegalStateException("injected decoder bug");
        EmbeddedChannel channel = new EmbeddedChannel(new KafkaClientCodec("codec-test", BROKER, new ClientCounters(null), (request, frame) -> {
            throw bug;
        }));
        CompletableFuture<ProtocolMessage> answered = send(channel);
        CompletableFuture<ProtocolMessage> stillWaiting = send(channel);
        ByteBuf frame = responseFrame(0);

        channel.writeInbound(frame);

        assertThat(answered).isCompletedExceptionally();
        assertThatThrownBy(answered::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(ProtocolException.class).hasCause(bug)
                .hasMessageContaining("Broker 127.0.0.1:9092 sent a ApiVersions v3 response that failed to decode")
                .hasMessageContaining("injected decoder bug")
                .hasMessageContaining("a bug in Gregor: please report it")
                .hasMessageContaining("the connection was dropped and will be re-established");
        assertThat(stillWaiting).isCompletedExceptionally();
        assertThatThrownBy(stillWaiting::get).cause().isInstanceOf(ProtocolException.class);
        assertThat(channel.isOpen()).isFalse();
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void aResponseThatDecodesCompletesItsRequestAndKeepsTheConnection() {
        ApiVersionsRequest decoded = new ApiVersionsRequest();
        EmbeddedChannel channel = new EmbeddedChannel(new KafkaClientCodec("codec-test", BROKER, new ClientCounters(null),
                (request, frame) -> decoded));
        CompletableFuture<ProtocolMessage> answered = send(channel);

        channel.writeInbound(responseFrame(0));

        assertThat(answered).isCompletedWithValue(decoded);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    private static CompletableFuture<ProtocolMessage> send(EmbeddedChannel channel) {
        OutboundRequest request = new OutboundRequest(ApiKey.API_VERSIONS, (short) 3, new ApiVersionsRequest(), true,
                30_000);
        channel.writeOutbound(request);
        ByteBuf written = channel.readOutbound();
        written.release();
        return request.response();
    }

    /** A frame as the codec sees it after the length-prefix decoder: the correlation id, then the response. */
    private static ByteBuf responseFrame(int correlationId) {
        return Unpooled.buffer().writeInt(correlationId).writeShort(0);
    }
}
