package dev.gregor.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Unsigned JWTs ({@code "alg":"none"}) for a principal, as Kafka's unsecured OAUTHBEARER validator accepts them: for
 * tests and development clusters only, never for production (anyone can mint such a token).
 */
public final class UnsecuredJwsTokenProvider implements OAuthBearerTokenProvider {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String principal;
    private final Duration lifetime;
    private final Clock clock;

    /** Tokens for {@code principal}, each valid for {@code lifetime} from when it is made. */
    public UnsecuredJwsTokenProvider(String principal, Duration lifetime) {
        this(principal, lifetime, Clock.systemUTC());
    }

    UnsecuredJwsTokenProvider(String principal, Duration lifetime, Clock clock) {
        this.principal = Objects.requireNonNull(principal, "principal");
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new dev.gregor.InvalidConfigException("token lifetime", lifetime, "a positive duration");
        }
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public OAuthBearerToken token() {
        Instant issuedAt = clock.instant();
        Instant expiresAt = issuedAt.plus(lifetime);
        String header = "{\"alg\":\"none\"}";
        String claims = "{\"sub\":\"" + jsonEscape(principal) + "\",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + expiresAt.getEpochSecond() + "}";
        String value = encode(header) + "." + encode(claims) + ".";
        return new OAuthBearerToken(value, principal, expiresAt);
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonEscape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
