package dev.gregor.internal.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.gregor.BrokerErrorException;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.DescribeConfigsRequest;
import dev.gregor.internal.protocol.message.DescribeConfigsResponse;

/**
 * Reads topic configurations that a client must respect. Any broker answers for a topic with its effective values,
 * the broker's defaults included.
 */
public final class TopicConfigs {

    private static final byte TOPIC_RESOURCE = 2;
    private static final byte TOPIC_CONFIG_SOURCE = 1;
    private static final String MAX_MESSAGE_BYTES = "max.message.bytes";

    private final MetadataCache metadata;

    /** Reads configurations through any broker {@code metadata} reaches. */
    public TopicConfigs(MetadataCache metadata) {
        this.metadata = metadata;
    }

    /**
     * The largest record batch a topic takes.
     *
     * @param bytes    the limit, in bytes
     * @param topicOwn whether the topic sets it ({@code max.message.bytes}) rather than inheriting the brokers'
     *                 {@code message.max.bytes}
     */
    public record BatchLimit(int bytes, boolean topicOwn) {
    }

    /** {@code topic}'s batch limit. */
    public CompletableFuture<BatchLimit> batchLimit(String topic) {
        DescribeConfigsRequest request = new DescribeConfigsRequest()
                .setResources(List.of(new DescribeConfigsRequest.DescribeConfigsResource()
                        .setResourceType(TOPIC_RESOURCE)
                        .setResourceName(topic)
                        .setConfigurationKeys(List.of(MAX_MESSAGE_BYTES))));
        return metadata.anyConnection()
                .thenCompose(connection -> connection.<DescribeConfigsResponse>send(ApiKey.DESCRIBE_CONFIGS, request))
                .thenApply(response -> {
                    try {
                        return batchLimit(topic, response.results().get(0));
                    } finally {
                        response.release();
                    }
                });
    }

    private static BatchLimit batchLimit(String topic, DescribeConfigsResponse.DescribeConfigsResult result) {
        TopicAdmin.check(ErrorCode.forCode(result.errorCode()), result.errorMessage(), topic,
                "describe the configuration of");
        for (DescribeConfigsResponse.DescribeConfigsResourceResult config : result.configs()) {
            if (MAX_MESSAGE_BYTES.equals(config.name()) && config.value() != null) {
                return new BatchLimit(Integer.parseInt(config.value()), config.configSource() == TOPIC_CONFIG_SOURCE);
            }
        }
        throw new BrokerErrorException("Reading the configuration of topic '" + topic + "'",
                "the broker did not report " + MAX_MESSAGE_BYTES, false);
    }
}
