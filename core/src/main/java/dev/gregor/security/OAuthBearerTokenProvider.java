package dev.gregor.security;

/**
 * Supplies the bearer token for SASL/OAUTHBEARER. Called for every authentication and re-authentication, so an
 * implementation can hand out a fresh token before the previous one expires (cache it until then). May block
 * briefly (it runs on the connection's I/O thread): fetch tokens ahead of time if your identity provider is slow.
 */
@FunctionalInterface
public interface OAuthBearerTokenProvider {

    /** The token to authenticate with now. */
    OAuthBearerToken token();
}
