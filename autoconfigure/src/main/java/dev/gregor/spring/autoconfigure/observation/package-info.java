/** Auto-configuration of Micrometer Observation for the template and the listeners. */
@NullMarked
package dev.gregor.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
