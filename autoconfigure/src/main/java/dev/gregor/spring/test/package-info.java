/** Test support: an embedded Kafka cluster for {@code @SpringBootTest}. */
@NullMarked
package dev.gregor.spring.test;

import org.jspecify.annotations.NullMarked;
