package dev.gregor.benchmarks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The harness's own logic, without a broker: run order, phases, sizing, and reading CPU times. */
class HarnessLogicTest {

    @Test
    void runsAreInterleavedAndSkipClientsThatCannotRunTheScenario() {
        List<String> clients = List.of("kafka-clients", "gregor", "librdkafka");

        assertThat(RunOrder.of(Scenario.PRODUCE_100B_ACKS1, clients, 2)).containsExactly(
                new RunOrder.Slot(1, "kafka-clients"), new RunOrder.Slot(1, "gregor"), new RunOrder.Slot(1, "librdkafka"),
                new RunOrder.Slot(2, "kafka-clients"), new RunOrder.Slot(2, "gregor"), new RunOrder.Slot(2, "librdkafka"));
        assertThat(RunOrder.of(Scenario.PRODUCE_100B_50_TOPICS, clients, 2)).extracting(RunOrder.Slot::client)
                .containsExactly("kafka-clients", "gregor", "kafka-clients", "gregor");
        assertThat(RunOrder.of(Scenario.LATENCY_100B_AT_20K, clients, 1)).extracting(RunOrder.Slot::client)
                .doesNotContain("librdkafka");
    }

    @Test
    void thePooledConsumerRunsTheKeyedListenerScenarioOnly() {
        List<String> clients = List.of("kafka-clients", "gregor", "gregor-pool");

        assertThat(RunOrder.of(Scenario.LISTENER_KEYED_1MS, clients, 1)).extracting(RunOrder.Slot::client)
                .containsExactly("kafka-clients", "gregor", "gregor-pool");
        assertThat(RunOrder.of(Scenario.LISTENER_100B, clients, 1)).extracting(RunOrder.Slot::client)
                .containsExactly("kafka-clients", "gregor");
        assertThat(RunOrder.of(Scenario.CONSUME_100B, clients, 1)).extracting(RunOrder.Slot::client)
                .doesNotContain("gregor-pool");
    }

    @Test
    void aQuickRunIsSizedByRecordsATimedRunByTime() {
        Sizing quick = new Sizing(true, Duration.ofSeconds(5), Duration.ofSeconds(10), 0.01);
        Phase span = quick.span(Scenario.PRODUCE_100B_ACKS1);

        assertThat(span.goesOn(9_999)).isTrue();
        assertThat(span.goesOn(10_000)).isFalse();
        assertThat(span.remaining(9_000)).isEqualTo(1_000);
        assertThat(quick.warmup(Scenario.PRODUCE_100B_ACKS1).goesOn(1_000)).isFalse();
        assertThat(quick.fixedRateRecords(Scenario.LATENCY_100B_AT_20K, true, 20_000)).isEqualTo(1_000);

        Sizing timed = new Sizing(false, Duration.ofSeconds(5), Duration.ofSeconds(10), 1);
        assertThat(timed.span(Scenario.PRODUCE_100B_ACKS1).goesOn(100_000_000)).isTrue();
        assertThat(timed.fixedRateRecords(Scenario.LATENCY_100B_AT_20K, false, 20_000)).isEqualTo(100_000);
        assertThat(timed.fixedRateRecords(Scenario.LATENCY_100B_AT_20K, true, 20_000)).isEqualTo(200_000);
        assertThat(Sizing.fromArgs(timed.toArgs().toArray(String[]::new), 0)).isEqualTo(timed);
    }

    @Test
    void aTimedPhaseEndsOnceItsTimeHasPassed() {
        Phase phase = Phase.ofTime(Duration.ZERO);

        assertThat(phase.goesOn(1)).as("the clock is read every 256 records only").isTrue();
        assertThat(phase.goesOn(256)).isFalse();
        assertThat(phase.endedAfter(1)).isTrue();
        assertThat(Phase.ofTime(Duration.ofHours(1)).endedAfter(1)).isFalse();
    }

    @Test
    void threadCpuIsReadFromStatLinesWhoseNamesHoldSpacesAndParentheses() {
        String stat = "4242 (C2 Compiler) (x)) S 1 2 3 0 -1 4194368 100 0 0 0 731 42 0 0 20 0 1 0 500 1000 10";

        assertThat(ThreadCpu.cpuTicks(stat)).isEqualTo(773);
    }

    @Test
    void jvmThreadsAreToldApartByName() {
        assertThat(ThreadCpu.kindOf("C2 CompilerThre")).isEqualTo(ThreadCpu.Kind.JIT);
        assertThat(ThreadCpu.kindOf("C1 CompilerThre")).isEqualTo(ThreadCpu.Kind.JIT);
        assertThat(ThreadCpu.kindOf("ParGC Thread#1")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.kindOf("GC Thread#0")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.kindOf("VM Thread")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.kindOf("gregor-io-1")).isEqualTo(ThreadCpu.Kind.APPLICATION);
        assertThat(ThreadCpu.kindOf("main")).isEqualTo(ThreadCpu.Kind.APPLICATION);
    }

    @Test
    void thisJvmsCompilerThreadsHaveSpentCpu() {
        Map<ThreadCpu.Kind, Long> nanos = ThreadCpu.jvmThreadNanos();

        assertThat(nanos).as("on Linux, where the suite runs").containsKey(ThreadCpu.Kind.JIT);
        assertThat(nanos.get(ThreadCpu.Kind.JIT)).isPositive();
    }

    @Test
    void kcatsInputReadingIsMeasuredOnInputLargerThanAPipeHolds() {
        double cpu = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                KcatDriver.inputReadingCpuSecondsPerMillion(Scenario.PRODUCE_1KIB_ACKS1, Phase.ofRecords(20_000)));

        assertThat(cpu).isNotNegative();
    }

    @Test
    void theChildsCpuIsTheSecondLineOfTheShellsTimes() {
        assertThat(TimedChildProcess.childCpuNanos("0m0.002s 0m0.001s\n1m2.250s 0m0.750s\n")).isEqualTo(63_000_000_000L);
    }
}
