package dev.gregor.internal.network;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gregor.ProtocolException;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.ApiVersionsResponse;

/**
 * The version of each API to use with one broker: the highest version both Gregor and the broker support,
 * learned from the broker's ApiVersions response.
 */
public final class ApiVersionTable {

    private final Map<ApiKey, Short> versions;
    private final Map<ApiKey, String> unusable;
    private final List<OfferedApi> offered;

    private ApiVersionTable(Map<ApiKey, Short> versions, Map<ApiKey, String> unusable, List<OfferedApi> offered) {
        this.versions = versions;
        this.unusable = unusable;
        this.offered = List.copyOf(offered);
    }

    /**
     * One API a broker offered in its ApiVersions answer.
     *
     * @param key        the API's key number
     * @param minVersion the oldest version the broker serves
     * @param maxVersion the newest version the broker serves
     * @param api        the API, when Gregor knows it
     */
    public record OfferedApi(short key, short minVersion, short maxVersion, Optional<ApiKey> api) {
    }

    /** The table for a broker that answered ApiVersions with {@code response}. */
    public static ApiVersionTable negotiate(ApiVersionsResponse response) {
        Map<ApiKey, Short> versions = new EnumMap<>(ApiKey.class);
        Map<ApiKey, String> unusable = new EnumMap<>(ApiKey.class);
        List<OfferedApi> offered = new ArrayList<>();
        for (ApiVersionsResponse.ApiVersion supported : response.apiKeys()) {
            ApiKey api;
            try {
                api = ApiKey.forId(supported.apiKey());
            } catch (IllegalArgumentException notOurs) {
                offered.add(new OfferedApi(supported.apiKey(), supported.minVersion(), supported.maxVersion(),
                        Optional.empty()));
                continue;
            }
            offered.add(new OfferedApi(supported.apiKey(), supported.minVersion(), supported.maxVersion(),
                    Optional.of(api)));
            short highest = (short) Math.min(api.highestVersion(), supported.maxVersion());
            short lowest = (short) Math.max(api.lowestVersion(), supported.minVersion());
            if (highest >= lowest) {
                versions.put(api, highest);
            } else {
                unusable.put(api, "the broker speaks " + api.title() + " versions " + supported.minVersion() + " to "
                        + supported.maxVersion() + ", Gregor " + api.lowestVersion() + " to " + api.highestVersion());
            }
        }
        return new ApiVersionTable(versions, unusable, offered);
    }

    /** Every API the broker offered, in the order it listed them, whether Gregor knows it or not. */
    public List<OfferedApi> offered() {
        return offered;
    }

    /** The version of {@code api} used with this broker, or empty when the two share none. */
    public Optional<Short> used(ApiKey api) {
        return Optional.ofNullable(versions.get(api));
    }

    /** Whether the broker and Gregor share a version of {@code api}. */
    public boolean supports(ApiKey api) {
        return versions.containsKey(api);
    }

    /**
     * The version of {@code api} to use.
     *
     * @throws ProtocolException if the broker and Gregor share no version of it
     */
    public short version(ApiKey api) {
        Short version = versions.get(api);
        if (version == null) {
            throw new ProtocolException("The broker does not support " + api.title() + " in any version Gregor"
                    + " speaks (" + unusable.getOrDefault(api, "the broker does not offer it") + "). Gregor supports"
                    + " Kafka 3.0 and newer.", null);
        }
        return version;
    }
}
