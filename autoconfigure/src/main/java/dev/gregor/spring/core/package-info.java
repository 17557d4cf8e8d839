/** Producing from Spring: {@link dev.gregor.spring.core.TopicTemplate} and delivery callbacks. */
@NullMarked
package dev.gregor.spring.core;

import org.jspecify.annotations.NullMarked;
