/**
 * The seam between a client and the engines that move its records, declared once for both sides: a
 * {@link dev.gregor.internal.engine.ProducerEngine} that a client's producer handles share, and the
 * {@link dev.gregor.internal.engine.RecordSource} a consumer reads its record chunks from. A
 * {@link dev.gregor.internal.engine.BackendProvider} supplies both: Gregor's own, or a second backend found with
 * {@link java.util.ServiceLoader}; the client picks it in one place ({@link dev.gregor.internal.engine.ClientContext#backend}).
 * May change between versions.
 */
package dev.gregor.internal.engine;
