/**
 * The backend seam of the engines a client owns: {@link dev.gregor.internal.engine.ProducerEngine}, implemented by
 * Gregor's own producer engine and by a second backend, and the per-client registry that shares one engine among
 * the producer handles of equal engine settings. May change between versions.
 */
package dev.gregor.internal.engine;
