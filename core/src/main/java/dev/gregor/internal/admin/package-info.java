/**
 * The admin API on Gregor's own protocol engine: each request goes to the broker that owns its resource (the
 * controller through any broker, a partition's leader, a group's coordinator).
 */
package dev.gregor.internal.admin;
