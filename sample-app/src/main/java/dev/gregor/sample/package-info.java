/** A small order-events application showing Gregor's Spring Boot starter end to end. */
package dev.gregor.sample;
