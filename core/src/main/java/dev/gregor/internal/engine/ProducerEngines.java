package dev.gregor.internal.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.gregor.Backend;
import dev.gregor.InvalidConfigException;
import dev.gregor.producer.Acks;
import dev.gregor.producer.Compression;
import dev.gregor.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's producer engines: one per distinct engine configuration, shared by every handle whose configuration
 * has the same engine settings, started by the first handle and closed when the last one lets go (or the client
 * closes). What a handle sets for itself (sync mode, delivery reports, partitioner, queue bound, and on Gregor's own
 * engine blocking) does not part engines. A transactional id always has an engine of its own, and one handle on it.
 */
public final class ProducerEngines {

    private static final Logger log = LoggerFactory.getLogger(ProducerEngines.class);

    private final Function<ProducerConfig, ProducerEngine> factory;
    private final Map<EngineSettings, Shared> engines = new HashMap<>();

    /** Engines made by {@code factory}, which picks the backend of the configuration it is given. */
    public ProducerEngines(Function<ProducerConfig, ProducerEngine> factory) {
        this.factory = factory;
    }

    /** The engine for {@code config}'s engine settings, started if none runs; pair with {@link #release}. */
    public synchronized ProducerEngine acquire(ProducerConfig config) {
        config.transactionalId().ifPresent(this::requireNoProducerWith);
        Shared shared = engines.computeIfAbsent(EngineSettings.of(config), settings -> new Shared(factory.apply(config)));
        shared.handles++;
        return shared.engine;
    }

    /**
     * Refuses a second producer with a transactional id in use: both would share one producer epoch and one open
     * transaction, whatever either did.
     */
    private void requireNoProducerWith(String transactionalId) {
        if (engines.keySet().stream().anyMatch(settings -> transactionalId.equals(settings.transactionalId()))) {
            throw new InvalidConfigException("transactionalId", transactionalId, "an id no open producer of this"
                    + " client has: close that producer first, or share it (it is thread-safe); each instance of an"
                    + " application needs its own id");
        }
    }

    /** A handle lets go of {@code engine}; the last one closes it, waiting up to {@code timeout} for what is queued. */
    public void release(ProducerEngine engine, Duration timeout) {
        boolean last = false;
        synchronized (this) {
            for (Map.Entry<EngineSettings, Shared> entry : engines.entrySet()) {
                if (entry.getValue().engine == engine) {
                    last = --entry.getValue().handles == 0;
                    if (last) {
                        engines.remove(entry.getKey());
                    }
                    break;
                }
            }
        }
        if (last) {
            engine.close(timeout);
        }
    }

    /** How many engines run. */
    public synchronized int size() {
        return engines.size();
    }

    /** Closes every engine still running (their handles are closed already, or abandoned), at once. */
    public void closeAll() {
        List<Shared> left;
        synchronized (this) {
            left = new ArrayList<>(engines.values());
            engines.clear();
        }
        for (Shared shared : left) {
            try {
                shared.engine.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.warn("Closing producer engine {} failed", shared.engine, e);
            }
        }
    }

    /**
     * The settings of a {@link ProducerConfig} that belong to the engine, not to a handle. {@code maxBlock} is the
     * engine's only on kafka-clients, whose {@code KafkaProducer.send} blocks up to its one {@code max.block.ms};
     * Gregor's own engine never blocks a caller, so there it is null and handles of any maxBlock share it.
     */
    private record EngineSettings(Acks acks, boolean idempotence, Duration linger, int batchSize,
                                  Compression compression, Duration deliveryTimeout, int maxRequestSize,
                                  Duration retryBackoff, Backend backend, Duration maxBlock, String transactionalId,
                                  Duration transactionTimeout) {

        static EngineSettings of(ProducerConfig config) {
            String transactionalId = config.transactionalId().orElse(null);
            return new EngineSettings(config.acks(), config.idempotence(), config.linger(), config.batchSize(),
                    config.compression(), config.deliveryTimeout(), config.maxRequestSize(), config.retryBackoff(),
                    config.backend(), config.backend() == Backend.KAFKA_CLIENTS ? config.maxBlock() : null,
                    transactionalId, transactionalId == null ? null : config.transactionTimeout());
        }
    }

    /** An engine and how many handles hold it. */
    private static final class Shared {

        private final ProducerEngine engine;
        private int handles;

        Shared(ProducerEngine engine) {
            this.engine = engine;
        }
    }
}
