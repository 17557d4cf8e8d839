/** The {@code kafka-instance} command: a throwaway cluster from the shell, PyKafka's {@code kafka_instance}. */
package dev.gregor.testkit.cli;
