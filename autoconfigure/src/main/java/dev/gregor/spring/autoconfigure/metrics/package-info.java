/** Auto-configuration of Gregor's Micrometer meters. */
@NullMarked
package dev.gregor.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
