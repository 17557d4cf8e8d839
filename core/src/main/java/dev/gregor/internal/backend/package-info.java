/**
 * The seam a second backend plugs into: found with {@link java.util.ServiceLoader}; a backend supplies the
 * {@link dev.gregor.internal.engine.ProducerEngine} a client's producer handles share and the
 * {@link dev.gregor.internal.backend.RecordSource} a consumer reads its record chunks from. May change between
 * versions.
 */
package dev.gregor.internal.backend;
