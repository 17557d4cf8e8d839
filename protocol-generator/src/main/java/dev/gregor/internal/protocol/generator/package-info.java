/** Build-time generator that turns Kafka's JSON message schemas into Java message classes and codecs. */
package dev.gregor.internal.protocol.generator;
