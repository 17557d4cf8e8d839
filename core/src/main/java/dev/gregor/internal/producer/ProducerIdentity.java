package dev.gregor.internal.producer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.gregor.BrokerErrorException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.client.LastingFailureLog;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.InitProducerIdRequest;
import dev.gregor.internal.protocol.message.InitProducerIdResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An idempotent producer engine's id and epoch (from InitProducerId), one for all its topics, and the next sequence
 * number per topic-partition. A batch keeps the id, epoch and sequence it was sealed with until it is finished, so
 * a retry is always recognised as one.
 * When a sealed batch fails for good, the broker may or may not have written it, and its sequence numbers must not
 * be reused: the epoch is {@linkplain #bumpEpoch() bumped} (KIP-360, as kafka-clients does for idempotent
 * producers), and every partition's next batch starts again at sequence 0 under the new epoch, which the broker
 * accepts after any sequence of the old one. Used by the sender thread only.
 */
final class ProducerIdentity {

    private static final Logger log = LoggerFactory.getLogger(ProducerIdentity.class);
    /** A fresh cluster answers COORDINATOR_LOAD_IN_PROGRESS for a few seconds while it allocates producer ids. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final MetadataCache metadata;
    private final Map<TopicPartition, Integer> nextSequence = new HashMap<>();
    private long producerId = -1;
    private short epoch = -1;
    private CompletableFuture<Void> initializing;
    private final LastingFailureLog failures = new LastingFailureLog(log, "Getting a producer id", PATIENCE);

    ProducerIdentity(MetadataCache metadata) {
        this.metadata = metadata;
    }

    /** Whether an id is held, so batches can be sealed. */
    boolean isReady() {
        return producerId >= 0;
    }

    /** Asks a broker for a producer id unless that is under way; {@code onDone} runs when it completes either way. */
    void initialize(Runnable onDone) {
        if (initializing != null && !initializing.isDone()) {
            return;
        }
        InitProducerIdRequest request = new InitProducerIdRequest()
                .setTransactionalId(null)
                .setTransactionTimeoutMs(Integer.MAX_VALUE)
                .setProducerId(-1)
                .setProducerEpoch((short) -1);
        initializing = metadata.anyConnection()
                .thenCompose(connection -> connection.<InitProducerIdResponse>send(ApiKey.INIT_PRODUCER_ID, request))
                .thenAccept(response -> {
                    ErrorCode error = ErrorCode.forCode(response.errorCode());
                    long id = response.producerId();
                    short newEpoch = response.producerEpoch();
                    response.release();
                    if (error != ErrorCode.NONE) {
                        throw new BrokerErrorException("Getting a producer id", error.name(), error.isRetriable());
                    }
                    adopt(id, newEpoch);
                });
        initializing.whenComplete((ignored, failure) -> {
            if (failure != null) {
                failures.failed(Futures.unwrap(failure).getMessage());
            } else {
                failures.succeeded();
            }
            onDone.run();
        });
    }

    synchronized void adopt(long id, short newEpoch) {
        producerId = id;
        epoch = newEpoch;
        nextSequence.clear();
        log.debug("Producer id {} epoch {}", id, newEpoch);
    }

    /**
     * Starts a new epoch of the same producer id (a new id once the epoch is exhausted), so that no partition's
     * next batch reuses a sequence number of a batch that was given up. Does nothing while no id is held: the
     * next id starts afresh anyway.
     */
    synchronized void bumpEpoch() {
        if (producerId < 0) {
            return;
        }
        if (epoch == Short.MAX_VALUE) {
            reset();
            return;
        }
        epoch++;
        nextSequence.clear();
        log.debug("Producer id {} bumped to epoch {} after a batch was given up", producerId, epoch);
    }

    /** Drops the id (after the broker refused the id, its epoch or a sequence), so that a new one is asked for. */
    synchronized void reset() {
        producerId = -1;
        epoch = -1;
    }

    synchronized long producerId() {
        return producerId;
    }

    synchronized short epoch() {
        return epoch;
    }

    /** Takes the sequence numbers for a batch of {@code records} records of {@code partition}: returns the first. */
    synchronized int takeSequences(TopicPartition partition, int records) {
        int first = nextSequence.getOrDefault(partition, 0);
        nextSequence.put(partition, first > Integer.MAX_VALUE - records ? records - (Integer.MAX_VALUE - first) - 1 : first + records);
        return first;
    }
}
