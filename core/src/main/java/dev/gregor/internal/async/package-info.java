/**
 * Helpers for the futures every layer of core works with: waiting with a deadline, retrying until one, unwrapping a
 * failure to the Gregor exception it carries. Used by every layer above; uses none of them.
 */
package dev.gregor.internal.async;
