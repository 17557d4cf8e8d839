/** The {@code gregor} actuator health indicator. */
@NullMarked
package dev.gregor.spring.health;

import org.jspecify.annotations.NullMarked;
