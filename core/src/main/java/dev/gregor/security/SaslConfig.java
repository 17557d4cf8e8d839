package dev.gregor.security;

import java.util.Objects;
import java.util.Optional;

import dev.gregor.InvalidConfigException;

/**
 * SASL credentials: a mechanism and what it needs (user name and password, or a token provider). Made with the
 * factory methods; the password never shows in {@link #toString()}.
 */
public final class SaslConfig {

    private final SaslMechanism mechanism;
    private final String username;
    private final String password;
    private final OAuthBearerTokenProvider tokenProvider;

    private SaslConfig(SaslMechanism mechanism, String username, String password, OAuthBearerTokenProvider tokenProvider) {
        this.mechanism = mechanism;
        this.username = username;
        this.password = password;
        this.tokenProvider = tokenProvider;
    }

    /** SASL/PLAIN as {@code username} (use it with {@link SecurityProtocol#SASL_SSL}: the password is sent as is). */
    public static SaslConfig plain(String username, String password) {
        return withPassword(SaslMechanism.PLAIN, username, password);
    }

    /** SASL/SCRAM-SHA-256 as {@code username}. */
    public static SaslConfig scramSha256(String username, String password) {
        return withPassword(SaslMechanism.SCRAM_SHA_256, username, password);
    }

    /** SASL/SCRAM-SHA-512 as {@code username}. */
    public static SaslConfig scramSha512(String username, String password) {
        return withPassword(SaslMechanism.SCRAM_SHA_512, username, password);
    }

    /** SASL/OAUTHBEARER with tokens from {@code provider}, asked again at every re-authentication. */
    public static SaslConfig oauthBearer(OAuthBearerTokenProvider provider) {
        return new SaslConfig(SaslMechanism.OAUTHBEARER, null, null, Objects.requireNonNull(provider, "provider"));
    }

    /** A user name and password mechanism ({@code PLAIN} or {@code SCRAM-*}) by name, as configuration gives it. */
    public static SaslConfig withPassword(SaslMechanism mechanism, String username, String password) {
        if (mechanism == SaslMechanism.OAUTHBEARER) {
            throw new InvalidConfigException("sasl mechanism", mechanism.wireName(), "PLAIN or SCRAM-* with a user name"
                    + " and password; OAUTHBEARER takes a token provider (SaslConfig.oauthBearer)");
        }
        if (username == null || username.isEmpty()) {
            throw new InvalidConfigException("sasl username", username, "a non-empty user name");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidConfigException("sasl password", password == null ? null : "(empty)", "a non-empty password");
        }
        return new SaslConfig(mechanism, username, password, null);
    }

    /** The mechanism. */
    public SaslMechanism mechanism() {
        return mechanism;
    }

    /** The user name, for PLAIN and SCRAM. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The password, for PLAIN and SCRAM: read it only to authenticate. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The token provider, for OAUTHBEARER. */
    public Optional<OAuthBearerTokenProvider> tokenProvider() {
        return Optional.ofNullable(tokenProvider);
    }

    @Override
    public String toString() {
        return "SaslConfig[" + mechanism.wireName() + (username == null ? "" : ", user=" + username + ", password=(hidden)") + "]";
    }
}
