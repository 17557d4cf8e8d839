/** How listener methods are found, invoked, retried and driven by containers; may change. */
@NullMarked
package dev.gregor.spring.listener.internal;

import org.jspecify.annotations.NullMarked;
