package dev.gregor.sample;

import dev.gregor.producer.DeliveryReport;
import dev.gregor.spring.core.DeliveryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Logs each order's delivery, or why it failed. */
@Component
class DeliveryLog implements DeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLog.class);

    @Override
    public void delivered(DeliveryReport report) {
        log.info("Delivered to {}-{} at offset {}", report.topic(), report.partition(), report.offset());
    }

    @Override
    public void failed(String topic, Throwable error) {
        log.warn("Could not deliver to {}: {}", topic, error.getMessage());
    }
}
