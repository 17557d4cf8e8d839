/** Kafka wire-protocol runtime: the primitives, exceptions and contracts the generated message codecs use. */
package dev.gregor.internal.protocol;
