package dev.gregor.internal.network;

import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.gregor.BrokerUnavailableException;
import dev.gregor.KafkaException;
import dev.gregor.internal.metrics.ClientCounters;
import dev.gregor.internal.security.TlsFailures;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty side of one client: its event loop (one I/O thread by default) and the way it opens a channel to a
 * broker. Closing it closes every channel it opened.
 */
public final class Transport implements AutoCloseable {

    private final NetworkSettings settings;
    private final NetworkCounters counters = new NetworkCounters();
    private final ClientCounters clientCounters;
    /** Addresses that have completed a TLS handshake: a later hang-up there is a restart, not a plain listener. */
    private final Set<BrokerAddress> spokeTls = ConcurrentHashMap.newKeySet();
    private final EventLoopGroup eventLoops;
    private final Bootstrap bootstrap;

    /** Starts the event loop for a client with these settings, counting into fresh counters. */
    public Transport(NetworkSettings settings, int ioThreads) {
        this(settings, ioThreads, new ClientCounters(null));
    }

    /** Starts the event loop for a client with these settings, counting connections and requests in {@code clientCounters}. */
    public Transport(NetworkSettings settings, int ioThreads, ClientCounters clientCounters) {
        this.settings = settings;
        this.clientCounters = clientCounters;
        this.eventLoops = new MultiThreadIoEventLoopGroup(ioThreads,
                new DefaultThreadFactory("gregor-io-" + settings.clientId(), true), NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap()
                .group(eventLoops)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
    }

    /** The settings connections follow. */
    public NetworkSettings settings() {
        return settings;
    }

    /** How many connections and authentications this transport has made. */
    public NetworkCounters counters() {
        return counters;
    }

    /** The client's counters, which connections and request latencies are counted in. */
    public ClientCounters clientCounters() {
        return clientCounters;
    }

    /** The event loop, for timers of the client's own (such as the periodic metadata refresh). */
    public ScheduledExecutorService scheduler() {
        return eventLoops;
    }

    /**
     * Opens a TCP connection to {@code address} with the Kafka framing and request/response codec installed, and
     * with TLS first when the settings ask for it; the future completes once the TLS handshake is done.
     */
    CompletableFuture<Channel> open(BrokerAddress address) {
        CompletableFuture<Channel> opened = new CompletableFuture<>();
        counters.connectionAttempted();
        Bootstrap connecting = bootstrap.clone().handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                if (settings.security().tlsContext() != null) {
                    channel.pipeline().addLast("tls",
                            settings.security().tlsContext().newHandler(channel.alloc(), address.host(), address.port()));
                } else {
                    channel.pipeline().addLast("tls-sniffer", new TlsRecordSniffer(address, settings.security().protocol()));
                }
                channel.pipeline()
                        .addLast("frames", new ResponseFrameDecoder(settings.maxResponseSize()))
                        .addLast("kafka", new KafkaClientCodec(settings.clientId(), address, clientCounters));
            }
        });
        connecting.connect(address.host(), address.port()).addListener(connect -> {
            if (!connect.isSuccess()) {
                opened.completeExceptionally(new BrokerUnavailableException(address.toString(), connect.cause()));
                return;
            }
            Channel channel = ((io.netty.channel.ChannelFuture) connect).channel();
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls == null) {
                opened.complete(channel);
                return;
            }
            tls.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    spokeTls.add(address);
                    opened.complete(channel);
                } else {
                    channel.close();
                    opened.completeExceptionally(handshakeFailure(address, handshake.cause()));
                }
            });
        });
        return opened;
    }

    private KafkaException handshakeFailure(BrokerAddress address, Throwable cause) {
        if (TlsFailures.isTlsFailure(cause)) {
            return TlsFailures.explain(address.toString(), address.host(), cause);
        }
        // A listener without TLS reads the ClientHello as a request of some 370 MB and hangs up without a word. A
        // broker that has completed a handshake with this client before is only going down (a restart), not plain.
        return cause instanceof ClosedChannelException && !spokeTls.contains(address)
                ? SecurityMismatch.plaintextListener(address, settings.security().protocol())
                : new BrokerUnavailableException(address.toString(), cause);
    }

    /** Closes every connection and stops the event loop, waiting briefly for in-progress writes. */
    @Override
    public void close() {
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
