/**
 * Micrometer Observation of template sends and listener calls, with the trace context carried in record headers;
 * loaded only with {@code micrometer-observation} on the class path.
 */
@NullMarked
package dev.gregor.spring.observation;

import org.jspecify.annotations.NullMarked;
