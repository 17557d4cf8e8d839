/** Consuming from Spring: {@link dev.gregor.spring.listener.TopicListener} methods, their containers and events. */
@NullMarked
package dev.gregor.spring.listener;

import org.jspecify.annotations.NullMarked;
