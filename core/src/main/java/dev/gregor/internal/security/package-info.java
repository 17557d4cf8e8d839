/** TLS contexts, PEM loading and the SASL mechanisms behind {@link dev.gregor.security}. */
package dev.gregor.internal.security;
