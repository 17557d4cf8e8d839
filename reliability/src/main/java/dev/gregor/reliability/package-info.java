/**
 * The chaos suite's harness: unique record values, the log of what was acknowledged, an outside read-back of what
 * the brokers hold, the audit that compares them (Jepsen-style counts), and the table of figures each test writes.
 */
package dev.gregor.reliability;
