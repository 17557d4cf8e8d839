package dev.gregor.internal.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.gregor.AbortableTransactionException;
import dev.gregor.ClientClosedException;
import dev.gregor.DeliveryException;
import dev.gregor.FatalTransactionException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.ProducerFencedException;
import dev.gregor.TopicPartition;
import dev.gregor.TransactionTimeoutException;
import dev.gregor.consumer.GroupMetadata;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.engine.EngineTransactions;
import dev.gregor.internal.group.GroupCoordinatorLookup;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerConnection;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.message.AddOffsetsToTxnRequest;
import dev.gregor.internal.protocol.message.AddOffsetsToTxnResponse;
import dev.gregor.internal.protocol.message.AddPartitionsToTxnRequest;
import dev.gregor.internal.protocol.message.AddPartitionsToTxnResponse;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.EndTxnRequest;
import dev.gregor.internal.protocol.message.EndTxnResponse;
import dev.gregor.internal.protocol.message.InitProducerIdRequest;
import dev.gregor.internal.protocol.message.InitProducerIdResponse;
import dev.gregor.internal.protocol.message.TxnOffsetCommitRequest;
import dev.gregor.internal.protocol.message.TxnOffsetCommitResponse;
import dev.gregor.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactions of Gregor's own engine, in Kafka's first transaction protocol (explicit AddPartitionsToTxn, which
 * every broker from 3.0 to 4.4 serves): the caller's thread talks to the transaction coordinator, the sender adds
 * each partition before its first batch of a transaction leaves and reports how every batch ended. An abort ends the
 * transaction at the coordinator and then bumps the epoch (InitProducerId with the current id and epoch, KIP-360),
 * so no sequence number of a failed batch is ever reused. A coordinator that refuses the epoch is asked the same way:
 * if it hands out a new epoch, it had aborted a transaction open longer than {@code transactionTimeout} (KIP-588);
 * if it refuses, a newer producer with the id fenced this one.
 */
final class NativeTransactions implements EngineTransactions, ProducerBatch.BatchOutcomes {

    private static final Logger log = LoggerFactory.getLogger(NativeTransactions.class);
    private static final short LAST_ADD_PARTITIONS_VERSION = 3;
    private static final short LAST_END_TXN_VERSION = 4;
    /** TxnOffsetCommit names topics by id from version 6 on; Gregor names them. */
    private static final short LAST_NAMED_TXN_OFFSET_COMMIT_VERSION = 5;
    private static final long FIRST_BACKOFF_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 500;

    private final String id;
    private final ProducerConfig config;
    private final MetadataCache metadata;
    private final BrokerConnections connections;
    private final ProducerIdentity identity;
    private final GroupCoordinatorLookup coordinator;
    private Sender sender;

    private boolean open;
    private boolean closed;
    private boolean abortedByCoordinator;
    private boolean epochRefused;
    private boolean offsetsAdded;
    private KafkaException fatal;
    private KafkaException addFailure;
    private KafkaException firstRecordFailure;
    private long appended;
    private long ended;
    private long failedRecords;
    private final Set<TopicPartition> added = new HashSet<>();
    private final Set<TopicPartition> adding = new HashSet<>();

    NativeTransactions(ProducerConfig config, MetadataCache metadata, BrokerConnections connections,
                       ProducerIdentity identity) {
        this.id = config.transactionalId().orElseThrow();
        this.config = config;
        this.metadata = metadata;
        this.connections = connections;
        this.identity = identity;
        this.coordinator = GroupCoordinatorLookup.forTransactions(id, metadata, connections);
    }

    void attach(Sender sender) {
        this.sender = sender;
    }

    @Override
    public void initialize(Duration timeout) {
        ErrorCode error = initProducerId(-1, (short) -1, timeout);
        if (error == ErrorCode.INVALID_TRANSACTION_TIMEOUT) {
            fail(new InvalidConfigException("transactionTimeout", config.transactionTimeout(), "at most the brokers'"
                    + " transaction.max.timeout.ms (15 min by default); the coordinator refused "
                    + config.transactionTimeout().toMillis() + " ms"));
        }
        if (error != ErrorCode.NONE) {
            fail(refusal("Getting a producer id for the transactional id", error));
        }
    }

    @Override
    public synchronized void begin() {
        requireUsable();
        open = true;
        abortedByCoordinator = false;
        epochRefused = false;
        offsetsAdded = false;
        addFailure = null;
        firstRecordFailure = null;
        failedRecords = 0;
        added.clear();
        adding.clear();
    }

    @Override
    public void sendOffsets(GroupMetadata group, Map<TopicPartition, Long> offsets, Duration timeout) {
        requireUsable();
        if (offsets.isEmpty()) {
            return;
        }
        if (!offsetsAdded) {
            ErrorCode error = untilSettled("Adding the offsets of group '" + group.group() + "' to the transaction",
                    timeout, coordinator, connection -> connection.<AddOffsetsToTxnResponse>send(
                            ApiKey.ADD_OFFSETS_TO_TXN, new AddOffsetsToTxnRequest().setTransactionalId(id)
                                    .setProducerId(identity.producerId()).setProducerEpoch(identity.epoch())
                                    .setGroupId(group.group()))
                            .thenApply(response -> settle(response, response.errorCode())));
            check(error, "adding the offsets of group '" + group.group() + "'", timeout);
            synchronized (this) {
                offsetsAdded = true;
            }
        }
        GroupCoordinatorLookup groupCoordinator = new GroupCoordinatorLookup(group.group(), metadata, connections, "");
        ErrorCode error = untilSettled("Committing offsets of group '" + group.group() + "' in the transaction",
                timeout, groupCoordinator, connection -> {
                    short version = (short) Math.min(connection.version(ApiKey.TXN_OFFSET_COMMIT),
                            LAST_NAMED_TXN_OFFSET_COMMIT_VERSION);
                    return connection.send(ApiKey.TXN_OFFSET_COMMIT, version, offsetCommit(group, offsets, version), true)
                            .thenApply(message -> firstError((TxnOffsetCommitResponse) message));
                });
        if (error == ErrorCode.ILLEGAL_GENERATION || error == ErrorCode.UNKNOWN_MEMBER_ID
                || error == ErrorCode.FENCED_INSTANCE_ID || error == ErrorCode.REBALANCE_IN_PROGRESS) {
            throw new AbortableTransactionException(id, "group '" + group.group() + "' refused the offsets of member '"
                    + group.memberId() + "' generation " + group.generation() + " (" + error.name()
                    + "): the group rebalanced and the member's partitions may have moved", null);
        }
        check(error, "committing the offsets of group '" + group.group() + "'", timeout);
    }

    private TxnOffsetCommitRequest offsetCommit(GroupMetadata group, Map<TopicPartition, Long> offsets,
                                                short version) {
        Map<String, List<TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition>> byTopic = new TreeMap<>();
        offsets.forEach((partition, offset) -> byTopic.computeIfAbsent(partition.topic(), topic -> new ArrayList<>())
                .add(new TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition().setPartitionIndex(partition.partition())
                        .setCommittedOffset(offset).setCommittedLeaderEpoch(-1).setCommittedMetadata("")));
        List<TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, partitions) -> topics.add(new TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic()
                .setName(topic).setPartitions(partitions)));
        TxnOffsetCommitRequest request = new TxnOffsetCommitRequest().setTransactionalId(id).setGroupId(group.group())
                .setProducerId(identity.producerId()).setProducerEpoch(identity.epoch()).setTopics(topics);
        if (version >= 3) {
            request.setGenerationIdOrMemberEpoch(group.generation()).setMemberId(group.memberId())
                    .setGroupInstanceId(group.groupInstanceId().orElse(null));
        }
        return request;
    }

    private ErrorCode firstError(TxnOffsetCommitResponse response) {
        ErrorCode first = ErrorCode.NONE;
        for (TxnOffsetCommitResponse.TxnOffsetCommitResponseTopic topic : response.topics()) {
            for (TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition partition : topic.partitions()) {
                if (first == ErrorCode.NONE) {
                    first = ErrorCode.forCode(partition.errorCode());
                }
            }
        }
        response.release();
        return first;
    }

    @Override
    public void commit(Duration timeout) {
        requireUsable();
        awaitRecords();
        synchronized (this) {
            if (addFailure != null) {
                throw addFailure;
            }
            if (epochRefused) {
                askAboutEpoch(timeout);
            }
            if (failedRecords > 0) {
                throw new AbortableTransactionException(id, failedRecords + " record(s) of the transaction were not"
                        + " delivered; the first: " + firstRecordFailure.getMessage(), firstRecordFailure);
            }
        }
        if (hasWork()) {
            check(endTxn(true, timeout), "committing", timeout);
        }
        synchronized (this) {
            open = false;
        }
    }

    @Override
    public void abort(Duration timeout) {
        if (fatal != null) {
            throw fatal;
        }
        sender.abandonUnsent(batch -> new DeliveryException(batch.partition().topic(), batch.partition().partition(),
                "the transaction was aborted before it was sent", null));
        awaitRecords();
        boolean appendedAny;
        synchronized (this) {
            appendedAny = appended > 0;
        }
        if (hasWork() && !abortedByCoordinator) {
            ErrorCode error = endTxn(false, timeout);
            if (error == ErrorCode.INVALID_PRODUCER_EPOCH || error == ErrorCode.PRODUCER_FENCED) {
                askAboutEpochQuietly(timeout);
            } else if (error != ErrorCode.NONE) {
                fail(refusal("Aborting the transaction", error));
            }
        }
        if (appendedAny && !abortedByCoordinator) {
            ErrorCode bump = initProducerId(identity.producerId(), identity.epoch(), timeout);
            if (bump != ErrorCode.NONE) {
                fail(epochError(bump) ? new ProducerFencedException(id, "seen when starting a new epoch after the"
                        + " abort") : refusal("Starting a new epoch after the abort", bump));
            }
        }
        synchronized (this) {
            open = false;
            appended = 0;
            ended = 0;
        }
    }

    private synchronized boolean hasWork() {
        return !added.isEmpty() || offsetsAdded;
    }

    /**
     * Asks the coordinator, with the current id and epoch, for a new epoch: granted, it had aborted the transaction
     * for its timeout (thrown as {@link TransactionTimeoutException}); refused, another producer fenced this one.
     */
    private void askAboutEpoch(Duration timeout) {
        askAboutEpochQuietly(timeout);
        throw new TransactionTimeoutException(id, config.transactionTimeout(), "its epoch was bumped");
    }

    private void askAboutEpochQuietly(Duration timeout) {
        ErrorCode error = initProducerId(identity.producerId(), identity.epoch(), timeout);
        if (error == ErrorCode.NONE) {
            synchronized (this) {
                abortedByCoordinator = true;
                epochRefused = false;
            }
            return;
        }
        fail(epochError(error) ? new ProducerFencedException(id, "the coordinator answered " + error.name())
                : refusal("Asking for a new epoch", error));
    }

    private ErrorCode endTxn(boolean commit, Duration timeout) {
        return untilSettled((commit ? "Committing" : "Aborting") + " the transaction", timeout, coordinator,
                connection -> connection.send(ApiKey.END_TXN,
                                (short) Math.min(connection.version(ApiKey.END_TXN), LAST_END_TXN_VERSION),
                                new EndTxnRequest().setTransactionalId(id).setProducerId(identity.producerId())
                                        .setProducerEpoch(identity.epoch()).setCommitted(commit), true)
                        .thenApply(message -> {
                            EndTxnResponse response = (EndTxnResponse) message;
                            return settle(response, response.errorCode());
                        }));
    }

    /** InitProducerId for the transactional id (with the current id and epoch to bump, or -1 for a new producer). */
    private ErrorCode initProducerId(long producerId, short epoch, Duration timeout) {
        return untilSettled("Getting a producer epoch for the transactional id", timeout, coordinator,
                connection -> connection.<InitProducerIdResponse>send(ApiKey.INIT_PRODUCER_ID,
                        new InitProducerIdRequest().setTransactionalId(id)
                                .setTransactionTimeoutMs((int) config.transactionTimeout().toMillis())
                                .setProducerId(producerId).setProducerEpoch(epoch))
                        .thenApply(response -> {
                            ErrorCode error = ErrorCode.forCode(response.errorCode());
                            if (error == ErrorCode.NONE) {
                                identity.adopt(response.producerId(), response.producerEpoch());
                            }
                            response.release();
                            return error;
                        }));
    }

    private static ErrorCode settle(ProtocolMessage response, short errorCode) {
        response.release();
        return ErrorCode.forCode(errorCode);
    }

    /**
     * Runs {@code call} against the coordinator until it answers something other than a passing error (the
     * coordinator moving or loading, another transaction of the id still ending), backing off; returns that answer.
     */
    private ErrorCode untilSettled(String operation, Duration timeout, GroupCoordinatorLookup lookup,
                                   Function<BrokerConnection, CompletableFuture<ErrorCode>> call) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        String last = "no answer yet";
        while (true) {
            synchronized (this) {
                if (closed) {
                    throw new ClientClosedException("transactional producer '" + id + "'");
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new KafkaTimeoutException(operation + " (transactional id '" + id + "')", timeout,
                        "Check that the brokers are reachable, or raise maxBlock. Last: " + last);
            }
            try {
                ErrorCode error = Futures.await(lookup.connection().thenCompose(call), Duration.ofNanos(left), operation);
                if (!passing(error)) {
                    return error;
                }
                if (error == ErrorCode.NOT_COORDINATOR || error == ErrorCode.COORDINATOR_NOT_AVAILABLE) {
                    lookup.forget();
                }
                last = "the coordinator answered " + error.name();
            } catch (KafkaTimeoutException e) {
                throw e;
            } catch (KafkaException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                lookup.forget();
                last = e.getMessage();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaTimeoutException(operation + " (interrupted)", timeout, "The thread was interrupted.");
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    private static boolean passing(ErrorCode error) {
        return error == ErrorCode.COORDINATOR_LOAD_IN_PROGRESS || error == ErrorCode.COORDINATOR_NOT_AVAILABLE
                || error == ErrorCode.NOT_COORDINATOR || error == ErrorCode.CONCURRENT_TRANSACTIONS
                || error == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    }

    private static boolean epochError(ErrorCode error) {
        return error == ErrorCode.PRODUCER_FENCED || error == ErrorCode.INVALID_PRODUCER_EPOCH;
    }

    /** Throws what {@code error} means for {@code step} of the transaction; returns for NONE. */
    private void check(ErrorCode error, String step, Duration timeout) {
        if (error == ErrorCode.NONE) {
            return;
        }
        if (epochError(error) || error == ErrorCode.INVALID_TXN_STATE) {
            askAboutEpoch(timeout);
        }
        if (error == ErrorCode.TRANSACTION_ABORTABLE || error == ErrorCode.GROUP_AUTHORIZATION_FAILED) {
            throw new AbortableTransactionException(id, step + " was refused (" + error.name() + ")", null);
        }
        fail(refusal(step, error));
    }

    private FatalTransactionException refusal(String step, ErrorCode error) {
        String hint = error == ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED
                ? ": this principal may not use the transactional id; grant it WRITE and DESCRIBE on it" : "";
        return new FatalTransactionException(id, step + " was refused: " + ErrorCode.describe(error.code()) + hint,
                null);
    }

    /** Remembers {@code error} as the producer's end (for a fatal one) and throws it. */
    private synchronized void fail(KafkaException error) {
        if (error instanceof FatalTransactionException && fatal == null) {
            fatal = error;
            log.warn("Transactional producer '{}' can no longer be used: {}", id, error.getMessage());
        }
        throw error;
    }

    private synchronized void requireUsable() {
        if (closed) {
            throw new ClientClosedException("transactional producer '" + id + "'");
        }
        if (fatal != null) {
            throw fatal;
        }
    }

    /** Sends what is queued now and waits until every record appended in the transaction has ended. */
    private void awaitRecords() {
        sender.beginFlush();
        long deadline = System.nanoTime() + config.deliveryTimeout().plusSeconds(5).toNanos();
        try {
            synchronized (this) {
                while (ended < appended && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new KafkaTimeoutException("Waiting for the records of the transaction",
                                config.deliveryTimeout(), "They were neither delivered nor failed in time.");
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                if (closed) {
                    throw new ClientClosedException("transactional producer '" + id + "'");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTimeoutException("Waiting for the records of the transaction", config.deliveryTimeout(),
                    "The thread was interrupted.");
        } finally {
            sender.endFlush();
        }
    }

    // --- the engine's side ---

    /** A record was appended to the engine (in the open transaction). */
    synchronized void appended() {
        if (fatal != null) {
            throw fatal;
        }
        appended++;
    }

    @Override
    public synchronized void ended(TopicPartition partition, int records, KafkaException error) {
        ended += records;
        if (error != null) {
            failedRecords += records;
            if (firstRecordFailure == null) {
                firstRecordFailure = error;
            }
        }
        notifyAll();
    }

    /** Whether batches of {@code partition} may be sent: it is part of the transaction. */
    synchronized boolean isAdded(TopicPartition partition) {
        return added.contains(partition);
    }

    /** Why batches of partitions that could not be added must fail; null while none failed. */
    synchronized KafkaException addFailure() {
        return fatal != null ? fatal : addFailure;
    }

    /** A partition leader refused the epoch: the commit asks the coordinator why. */
    synchronized void epochRefused() {
        epochRefused = true;
    }

    /** Adds {@code partitions} to the transaction (those not added or being added); {@code wake} runs when done. */
    void add(Collection<TopicPartition> partitions, Runnable wake) {
        List<TopicPartition> wanted = new ArrayList<>();
        synchronized (this) {
            for (TopicPartition partition : partitions) {
                if (!added.contains(partition) && adding.add(partition)) {
                    wanted.add(partition);
                }
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        wanted.forEach(partition -> byTopic.computeIfAbsent(partition.topic(), topic -> new ArrayList<>())
                .add(partition.partition()));
        List<AddPartitionsToTxnRequest.AddPartitionsToTxnTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, ids) -> topics.add(new AddPartitionsToTxnRequest.AddPartitionsToTxnTopic()
                .setName(topic).setPartitions(ids)));
        coordinator.connection().thenCompose(connection -> connection.send(ApiKey.ADD_PARTITIONS_TO_TXN,
                        (short) Math.min(connection.version(ApiKey.ADD_PARTITIONS_TO_TXN), LAST_ADD_PARTITIONS_VERSION),
                        new AddPartitionsToTxnRequest().setV3AndBelowTransactionalId(id)
                                .setV3AndBelowProducerId(identity.producerId())
                                .setV3AndBelowProducerEpoch(identity.epoch()).setV3AndBelowTopics(topics), true))
                .whenComplete((message, failure) -> {
                    if (failure != null) {
                        coordinator.forget();
                        retryLater(wanted);
                    }
                    boolean allAdded = failure == null && added((AddPartitionsToTxnResponse) message, wanted);
                    if (allAdded) {
                        wake.run();
                    } else {
                        CompletableFuture.delayedExecutor(FIRST_BACKOFF_MILLIS, TimeUnit.MILLISECONDS).execute(wake);
                    }
                });
    }

    private synchronized void retryLater(List<TopicPartition> partitions) {
        partitions.forEach(adding::remove);
    }

    /** Takes in the answer for {@code wanted}; returns whether every one of them is now added. */
    private synchronized boolean added(AddPartitionsToTxnResponse response, List<TopicPartition> wanted) {
        try {
            for (AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult topic : response.resultsByTopicV3AndBelow()) {
                for (AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult partition : topic.resultsByPartition()) {
                    TopicPartition id = new TopicPartition(topic.name(), partition.partitionIndex());
                    ErrorCode error = ErrorCode.forCode(partition.partitionErrorCode());
                    adding.remove(id);
                    if (error == ErrorCode.NONE) {
                        added.add(id);
                    } else if (error == ErrorCode.NOT_COORDINATOR || error == ErrorCode.COORDINATOR_NOT_AVAILABLE) {
                        coordinator.forget();
                    } else if (epochError(error)) {
                        epochRefused = true;
                        addFailure = new AbortableTransactionException(this.id, "the coordinator refused the"
                                + " producer's epoch (" + error.name() + ")", null);
                    } else if (!passing(error) && error != ErrorCode.OPERATION_NOT_ATTEMPTED) {
                        addFailure = new AbortableTransactionException(this.id, "adding partition " + id
                                + " to the transaction was refused (" + error.name() + ")", null);
                    }
                }
            }
        } finally {
            wanted.forEach(adding::remove);
            response.release();
        }
        return added.containsAll(wanted);
    }

    /** The engine closes: waiting calls end with {@link ClientClosedException}. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean isOpen() {
        return open;
    }
}
