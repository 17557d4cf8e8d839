/**
 * Connecting to a secured cluster: the {@link dev.gregor.security.SecurityProtocol}, TLS trust and key material
 * ({@link dev.gregor.security.TlsConfig}) and SASL credentials ({@link dev.gregor.security.SaslConfig}), set on
 * {@link dev.gregor.KafkaClient.Builder}.
 */
package dev.gregor.security;
