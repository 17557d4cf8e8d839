/**
 * Administering a cluster: {@link dev.gregor.admin.Admin} ({@code client.admin()}) lists, describes, creates and
 * changes topics, configs, records, consumer groups and their offsets, and describes the cluster.
 */
package dev.gregor.admin;
