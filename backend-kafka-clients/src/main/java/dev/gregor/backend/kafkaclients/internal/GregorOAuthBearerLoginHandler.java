package dev.gregor.backend.kafkaclients.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;

import dev.gregor.security.OAuthBearerTokenProvider;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;

/**
 * Lets kafka-clients' OAUTHBEARER login ask a Gregor {@link OAuthBearerTokenProvider} (handed over as a configuration
 * object under {@link #TOKEN_PROVIDER}) for its tokens.
 */
public final class GregorOAuthBearerLoginHandler implements AuthenticateCallbackHandler {

    /** The configuration key carrying the provider object. */
    public static final String TOKEN_PROVIDER = "gregor.oauthbearer.token-provider";

    private OAuthBearerTokenProvider provider;

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        provider = (OAuthBearerTokenProvider) configs.get(TOKEN_PROVIDER);
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (!(callback instanceof OAuthBearerTokenCallback tokenCallback)) {
                throw new UnsupportedCallbackException(callback);
            }
            dev.gregor.security.OAuthBearerToken token = provider.token();
            long now = System.currentTimeMillis();
            tokenCallback.token(new OAuthBearerToken() {
                @Override
                public String value() {
                    return token.value();
                }

                @Override
                public Set<String> scope() {
                    return Set.of();
                }

                @Override
                public long lifetimeMs() {
                    return token.expiresAt().toEpochMilli();
                }

                @Override
                public String principalName() {
                    return token.principal();
                }

                @Override
                public Long startTimeMs() {
                    return now;
                }
            });
        }
    }

    @Override
    public void close() {
        provider = null;
    }
}
