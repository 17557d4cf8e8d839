/** Micrometer meters for producers and listener containers. */
@NullMarked
package dev.gregor.spring.metrics;

import org.jspecify.annotations.NullMarked;
