package dev.gregor.internal.producer;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.gregor.ClientClosedException;
import dev.gregor.FatalTransactionException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.async.Futures;
import dev.gregor.consumer.GroupMetadata;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.EngineTransactions;
import dev.gregor.internal.engine.ProducerEngine;
import dev.gregor.internal.engine.ProducerEngines;
import dev.gregor.internal.engine.RecordDelivery;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerMetrics;
import dev.gregor.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Producer} users hold, on either backend: a handle on the client's shared engine for its configuration.
 * It keeps what is the caller's own — the bound topic, sync mode, the delivery-report queue and its bound, the
 * partitioner with each topic's routing, and the records it has not seen reported yet, which its own
 * {@link #flush()} and {@link #close()} wait for while other handles on the engine keep sending.
 */
public final class ProducerHandle implements Producer {

    private static final Logger log = LoggerFactory.getLogger(ProducerHandle.class);

    private final ClientContext context;
    private final ProducerEngines engines;
    private final ProducerEngine engine;
    private final String topic;
    private final ProducerConfig config;
    private final DeliveryTracker tracker;
    private final Map<String, TopicBook> routes = new ConcurrentHashMap<>();
    private final Set<PendingRecord> pending = ConcurrentHashMap.newKeySet();
    /** Where a flush or close waits for counted records to end; {@link #waiting} says whether anyone does. */
    private final Object progress = new Object();
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The engine's transactions, for a producer with a transactional id; null otherwise. */
    private final EngineTransactions transactions;
    /** Whether a transaction is open; changed under {@link #transactionLock}, read by producing threads. */
    private volatile boolean transactionOpen;
    private final Object transactionLock = new Object();

    /**
     * A handle bound to {@code topic} (null: to none, every call names its topic) on the engine of {@code engines}
     * for {@code config}; a bound topic's routing is read at once.
     */
    public ProducerHandle(ClientContext context, ProducerEngines engines, String topic, ProducerConfig config) {
        this.context = context;
        this.engines = engines;
        this.topic = topic;
        this.config = config;
        this.tracker = new DeliveryTracker(config.maxQueuedRecords(), config.blockWhenFull(), config.maxBlock(),
                config.deliveryReports());
        this.engine = engines.acquire(config);
        this.transactions = config.transactionalId().isEmpty() ? null : engine.transactions().orElse(null);
        try {
            if (config.transactionalId().isPresent() && transactions == null) {
                throw new InvalidConfigException("transactionalId", config.transactionalId().get(),
                        "none on backend " + config.backend() + ", whose engine has no transactions");
            }
            if (transactions != null) {
                transactions.initialize(config.maxBlock());
            }
            if (topic != null) {
                book(topic);
            }
            context.adopt().accept(this);
        } catch (RuntimeException e) {
            engines.release(engine, Duration.ZERO);
            throw e;
        }
        log.debug("Producer {} opened on {}", this, engine);
    }

    @Override
    public Optional<String> topic() {
        return Optional.ofNullable(topic);
    }

    @Override
    public ProducerConfig config() {
        return config;
    }

    @Override
    public void produce(ProducerRecord record) {
        produce(boundTopic("produce"), record);
    }

    /**
     * Sync mode waits for the record's future; so does nothing else: with delivery reports off, nobody waits on the
     * record itself, so where the engine ends each partition's records in order it is only counted (in its
     * partition's {@link PartitionTally}) until it ends.
     */
    @Override
    public void produce(String topic, ProducerRecord record) {
        if (!config.sync() && !config.deliveryReports() && engine.endsInOrder()) {
            append(topic, record, false);
            return;
        }
        CompletableFuture<DeliveryReport> delivery = send(topic, record);
        if (config.sync()) {
            try {
                delivery.join();
            } catch (RuntimeException e) {
                throw Futures.rethrown(e);
            }
        }
    }

    @Override
    public CompletableFuture<DeliveryReport> send(ProducerRecord record) {
        return send(boundTopic("send"), record);
    }

    @Override
    public CompletableFuture<DeliveryReport> send(String topic, ProducerRecord record) {
        return append(topic, record, true);
    }

    /**
     * Checks, routes and appends {@code record}: followed by the future returned if {@code followed}, else only
     * counted (and null returned).
     */
    private PendingRecord append(String topic, ProducerRecord record, boolean followed) {
        requireOpen();
        if (transactions != null && !transactionOpen) {
            throw new IllegalStateException("Producer '" + config.transactionalId().orElseThrow() + "' is"
                    + " transactional: produce inside a transaction, after beginTransaction() (or in"
                    + " runInTransaction)");
        }
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(record, "record");
        TopicBook book = book(topic);
        int size = book.routing.checkSize(record);
        int partition = book.routing.partitionOf(record);
        tracker.reserve(topic);
        PartitionTally tally = book.tally(partition);
        PendingRecord pendingRecord = followed ? new PendingRecord(tally, record) : null;
        tally.appended.incrementAndGet();
        if (followed) {
            pending.add(pendingRecord);
        }
        boolean filled;
        try {
            filled = engine.append(tally.partition, record, size, book.routing.batchSize(),
                    followed ? pendingRecord : tally);
        } catch (RuntimeException e) {
            if (followed) {
                pending.remove(pendingRecord);
            }
            tally.appended.decrementAndGet();
            tracker.unreserve(1);
            throw e;
        }
        if (filled) {
            config.partitioner().batchFull(topic, partition);
        }
        return pendingRecord;
    }

    private String boundTopic(String call) {
        if (topic == null) {
            throw new InvalidConfigException("topic", null, "a topic named at each call, since this producer"
                    + " (client.producer()) is bound to none: name the topic: " + call + "(\"orders\", record), or"
                    + " make a topic's producer: client.topic(\"orders\").producer()");
        }
        return topic;
    }

    /** The book of {@code topic}: its routing looked up (blocking up to maxBlock) on its first record, cached after. */
    private TopicBook book(String topic) {
        TopicBook known = routes.get(topic);
        if (known != null) {
            return known;
        }
        Futures.await(context.metadata().topic(topic), config.maxBlock(), "Looking up topic '" + topic
                + "' to produce to it");
        TopicBook read = new TopicBook(topic, new ProducerRouting(context, topic, config));
        TopicBook raced = routes.putIfAbsent(topic, read);
        return raced != null ? raced : read;
    }

    /** Counts this handle's own records; batches and requests are the shared engine's, over all its handles. */
    @Override
    public ProducerMetrics metrics() {
        return new ProducerMetrics(delivered.sum(), failed.sum(), engine.batchesSent(), engine.requestsSent());
    }

    @Override
    public DeliveryReport deliveryReport(Duration timeout) {
        return tracker.nextReport(timeout);
    }

    @Override
    public void flush() {
        requireOpen();
        awaitOwnRecords(config.deliveryTimeout().plusSeconds(5));
    }

    @Override
    public void beginTransaction() {
        synchronized (transactionLock) {
            requireOpen();
            EngineTransactions open = requireTransactions("beginTransaction");
            if (transactionOpen) {
                throw new IllegalStateException("A transaction of producer '" + transactionalId() + "' is open"
                        + " already: commit or abort it before beginning the next");
            }
            open.begin();
            transactionOpen = true;
        }
    }

    @Override
    public void sendOffsets(GroupMetadata group, Map<TopicPartition, Long> offsets) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(offsets, "offsets");
        synchronized (transactionLock) {
            requireTransaction("sendOffsets").sendOffsets(group, Map.copyOf(offsets), config.maxBlock());
        }
    }

    @Override
    public void commitTransaction() {
        synchronized (transactionLock) {
            try {
                requireTransaction("commitTransaction").commit(config.maxBlock());
            } catch (FatalTransactionException e) {
                transactionOpen = false;
                throw e;
            }
            transactionOpen = false;
        }
    }

    @Override
    public void abortTransaction() {
        synchronized (transactionLock) {
            try {
                requireTransaction("abortTransaction").abort(config.maxBlock());
            } catch (FatalTransactionException e) {
                transactionOpen = false;
                throw e;
            }
            transactionOpen = false;
        }
    }

    /**
     * Begins, runs {@code work} and commits; aborts when the work or the commit fails for any reason but a fatal
     * one (after which the producer can only be closed), keeping a failed abort as a suppressed exception.
     */
    @Override
    public void runInTransaction(Consumer<Producer> work) {
        Objects.requireNonNull(work, "work");
        beginTransaction();
        try {
            work.accept(this);
            commitTransaction();
        } catch (FatalTransactionException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            try {
                abortTransaction();
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    private EngineTransactions requireTransactions(String call) {
        if (transactions == null) {
            throw new InvalidConfigException("transactionalId", null, "an id, to call " + call + ": this producer"
                    + " is not transactional (ProducerConfig.builder().transactionalId(\"my-app-1\"))");
        }
        return transactions;
    }

    private EngineTransactions requireTransaction(String call) {
        requireOpen();
        EngineTransactions open = requireTransactions(call);
        if (!transactionOpen) {
            throw new IllegalStateException("No transaction of producer '" + transactionalId() + "' is open, so "
                    + call + " has nothing to work on: call beginTransaction() first (or use runInTransaction)");
        }
        return open;
    }

    private String transactionalId() {
        return config.transactionalId().orElse("");
    }

    /**
     * Has the engine send everything now and waits up to {@code timeout} until every record this handle had queued
     * is reported; returns whether they were.
     */
    private boolean awaitOwnRecords(Duration timeout) {
        boolean counted = engine.endsInOrder();
        Map<PartitionTally, Long> unfinished = counted ? unfinishedTallies() : Map.of();
        CompletableFuture<?>[] futures = counted ? new CompletableFuture<?>[0] : pending.toArray(CompletableFuture<?>[]::new);
        if (unfinished.isEmpty() && futures.length == 0) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.sendNow(done);
        try {
            return awaitFutures(futures, deadline) && awaitEnded(unfinished, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            done.complete(null);
        }
    }

    /** Each tally with records not ended yet, to the number it had appended. */
    private Map<PartitionTally, Long> unfinishedTallies() {
        Map<PartitionTally, Long> unfinished = new HashMap<>();
        routes.values().forEach(book -> book.tallies().forEach(tally -> {
            long appended = tally.appended.get();
            if (tally.ended.get() < appended) {
                unfinished.put(tally, appended);
            }
        }));
        return unfinished;
    }

    /**
     * For an engine that may end a partition's records out of order, where every record has a future: waits for
     * {@code futures} until {@code deadline}; returns whether they all completed.
     */
    private boolean awaitFutures(CompletableFuture<?>[] futures, long deadline) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException someFailed) {
            return true;
        } catch (TimeoutException e) {
            log.debug("{} did not see its records reported in time", this);
            return false;
        }
    }

    /**
     * Waits until each tally has seen as many records end as it had appended when the wait began (a partition's
     * records end in the order they were appended), or the deadline passes; returns whether they did.
     */
    private boolean awaitEnded(Map<PartitionTally, Long> counted, long deadline) throws InterruptedException {
        waiting.incrementAndGet();
        try {
            synchronized (progress) {
                while (!counted.entrySet().stream().allMatch(entry -> entry.getKey().ended.get() >= entry.getValue())) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        log.debug("{} did not see its records reported in time", this);
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                }
                return true;
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Flushes for as long as the delivery timeout lets a record wait, then stops. */
    @Override
    public void close() {
        close(config.deliveryTimeout().plusSeconds(5));
    }

    @Override
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!awaitOwnRecords(timeout)) {
            for (PendingRecord left : pending) {
                left.failed(ClosedBeforeDelivery.failure(left.tally.partition.topic(), left.tally.partition.partition(),
                        timeout, null));
            }
            routes.values().forEach(book -> book.tallies().forEach(PartitionTally::giveUp));
        }
        engines.release(engine, Duration.ZERO);
        context.release().accept(this);
        log.info("{} closed", this);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new ClientClosedException(toString());
        }
    }

    @Override
    public String toString() {
        return topic != null ? "producer for topic '" + topic + "'" : "producer for any topic";
    }

    /** A topic this handle writes to: how its records are routed, and the tally of each partition written. */
    private final class TopicBook {

        private final String topic;
        private final ProducerRouting routing;
        private volatile PartitionTally[] tallies = new PartitionTally[0];

        TopicBook(String topic, ProducerRouting routing) {
            this.topic = topic;
            this.routing = routing;
        }

        /** The tally of {@code partition}, made on its first record. */
        PartitionTally tally(int partition) {
            PartitionTally[] known = tallies;
            if (partition < known.length && known[partition] != null) {
                return known[partition];
            }
            synchronized (this) {
                PartitionTally[] grown = tallies.length > partition ? tallies.clone()
                        : Arrays.copyOf(tallies, partition + 1);
                if (grown[partition] == null) {
                    grown[partition] = new PartitionTally(new TopicPartition(topic, partition));
                }
                tallies = grown;
                return grown[partition];
            }
        }

        List<PartitionTally> tallies() {
            return Arrays.stream(tallies).filter(Objects::nonNull).toList();
        }
    }

    /**
     * This handle's records of one partition: how many it appended and how many ended. A partition's records end in
     * the order they were appended, so a flush waits until {@code ended} reaches what was appended when it began.
     * Records nobody waits on one by one (async {@code produce} without reports) are told to it in runs.
     */
    private final class PartitionTally implements RecordDelivery {

        private final TopicPartition partition;
        private final AtomicLong appended = new AtomicLong();
        private final AtomicLong ended = new AtomicLong();
        private volatile boolean givenUp;

        PartitionTally(TopicPartition partition) {
            this.partition = partition;
        }

        @Override
        public boolean countsOnly() {
            return true;
        }

        @Override
        public void delivered(long offset, long timestamp) {
            ended(1, null);
        }

        @Override
        public void failed(KafkaException error) {
            ended(1, error);
        }

        @Override
        public void ended(int records, KafkaException error) {
            if (!givenUp) {
                (error == null ? delivered : failed).add(records);
                tracker.unreserve(records);
            }
            ended.addAndGet(records);
            if (waiting.get() > 0) {
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        }

        /** The handle closed before these records ended: they count as failed now, and not again when they end. */
        void giveUp() {
            givenUp = true;
            long left = appended.get() - ended.get();
            if (left > 0) {
                failed.add(left);
            }
        }
    }

    /**
     * A record of this handle someone waits on, until it is reported; the future {@code send} returns. It completes
     * before its tally counts it, so a flush that returns has every future of its records completed.
     */
    private final class PendingRecord extends CompletableFuture<DeliveryReport> implements RecordDelivery {

        private final PartitionTally tally;
        private final ProducerRecord record;

        PendingRecord(PartitionTally tally, ProducerRecord record) {
            this.tally = tally;
            this.record = record;
        }

        @Override
        public void delivered(long offset, long timestamp) {
            if (pending.remove(this)) {
                DeliveryReport report = report(offset, timestamp, null);
                complete(report);
                tally.ended(1, null);
            }
        }

        @Override
        public void failed(KafkaException error) {
            if (pending.remove(this)) {
                report(-1, -1, error);
                completeExceptionally(error);
                tally.ended(1, error);
            }
        }

        private DeliveryReport report(long offset, long timestamp, KafkaException error) {
            DeliveryReport report = new DeliveryReport(record, tally.partition.topic(), tally.partition.partition(),
                    offset, timestamp, Optional.ofNullable(error));
            tracker.report(report);
            return report;
        }
    }
}
