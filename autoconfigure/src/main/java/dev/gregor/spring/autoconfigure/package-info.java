/** Spring Boot auto-configuration for Gregor: the client, template, listener containers and the embedded cluster. */
@NullMarked
package dev.gregor.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
