package dev.gregor.internal.security;

import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import dev.gregor.AuthenticationException;

/**
 * Explains a failed TLS handshake: a certificate for another host, an untrusted certificate, or a broker that wants
 * a client certificate, each with what to change.
 */
public final class TlsFailures {

    private TlsFailures() {
    }

    /**
     * Whether {@code cause} is TLS refusing the peer (a handshake failure or a fatal alert such as a rejected client
     * certificate), as opposed to the connection dropping.
     */
    public static boolean isTlsFailure(Throwable cause) {
        for (Throwable each = cause; each != null; each = each.getCause()) {
            if (each instanceof SSLHandshakeException || each instanceof CertificateException
                    || (each instanceof SSLException && each.getMessage() != null && each.getMessage().contains("alert"))) {
                return true;
            }
        }
        return false;
    }

    /** The error for a failed handshake with {@code broker} ({@code host:port}). */
    public static AuthenticationException explain(String broker, String host, Throwable cause) {
        String detail = messages(cause);
        String lower = detail.toLowerCase(java.util.Locale.ROOT);
        String message;
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            message = "The TLS certificate of broker " + broker + " does not match the host name '" + host + "' ("
                    + detail + "). Connect with a name the certificate lists, or give the broker a certificate whose"
                    + " subjectAltName covers '" + host + "'. Only for a test cluster: TlsConfig.hostnameVerification(false).";
        } else if (lower.contains("pkix") || lower.contains("certification path")) {
            message = "The TLS certificate of broker " + broker + " is not trusted (" + detail + "). Trust the CA that"
                    + " signed it: TlsConfig.trustStore(...) or trustCertificates(...).";
        } else if (lower.contains("bad_certificate") || lower.contains("certificate_required")
                || lower.contains("certificate_unknown")) {
            message = "Broker " + broker + " refused the TLS handshake because of the client certificate (" + detail
                    + "). The listener requires mutual TLS: give the client a certificate the broker trusts with"
                    + " TlsConfig.keyStore(...) or keyPem(...).";
        } else {
            message = "The TLS handshake with broker " + broker + " failed (" + detail + "). Check that this listener"
                    + " speaks TLS (securityProtocol SSL or SASL_SSL) and that both sides share a TLS version.";
        }
        return new AuthenticationException(message, cause);
    }

    private static String messages(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable each = cause; each != null; each = each.getCause()) {
            if (each.getMessage() != null && text.indexOf(each.getMessage()) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(each.getMessage());
            }
        }
        return text.toString();
    }
}
