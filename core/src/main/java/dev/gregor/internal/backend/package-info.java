/** The seam a second backend plugs into: found with {@link java.util.ServiceLoader}; may change between versions. */
package dev.gregor.internal.backend;
