/** Auto-configuration of the Gregor health contributor. */
@NullMarked
package dev.gregor.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
