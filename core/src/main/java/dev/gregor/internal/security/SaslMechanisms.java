package dev.gregor.internal.security;

import dev.gregor.security.SaslConfig;

/** The client for a {@link SaslConfig}'s mechanism, fresh for each authentication. */
public final class SaslMechanisms {

    private SaslMechanisms() {
    }

    /** A new exchange for {@code config}; OAUTHBEARER asks its provider for the current token now. */
    public static SaslMechanismClient client(SaslConfig config) {
        return switch (config.mechanism()) {
            case PLAIN -> new PlainMechanism(config.username().orElseThrow(), config.password().orElseThrow());
            case SCRAM_SHA_256 -> new ScramMechanism(ScramMechanism.Hash.SHA_256, config.username().orElseThrow(),
                    config.password().orElseThrow());
            case SCRAM_SHA_512 -> new ScramMechanism(ScramMechanism.Hash.SHA_512, config.username().orElseThrow(),
                    config.password().orElseThrow());
            case OAUTHBEARER -> new OAuthBearerMechanism(config.tokenProvider().orElseThrow().token());
        };
    }
}
