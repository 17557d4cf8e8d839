package dev.gregor.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class KafkaClusterExtensionTest {

    private static final List<EmbeddedKafkaCluster> SEEN = new CopyOnWriteArrayList<>();

    @Test
    void classesOfOneShapeShareAClusterThatIsClosedWhenTheRunEnds() {
        SEEN.clear();

        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstUser.class), selectClass(SecondUser.class), selectClass(IsolatedUser.class))
                .execute()
                .allEvents();

        assertThat(tests.failed().stream().map(failure -> failure.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse(failure.toString())))
                .isEmpty();
        assertThat(tests.succeeded().filter(event -> event.getTestDescriptor().isTest()).count()).isEqualTo(3);

        assertThat(SEEN).hasSize(3);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        assertThat(SEEN.get(2)).isNotSameAs(SEEN.get(0));
        assertThat(SEEN).allSatisfy(cluster -> assertThat(cluster.directory()).doesNotExist());
    }

    @KafkaCluster(brokerProperties = "num.partitions=2")
    static class FirstUser {
        @Test
        void receivesACluster(EmbeddedKafkaCluster cluster) {
            SEEN.add(cluster);
        }
    }

    @KafkaCluster(brokerProperties = "num.partitions = 2")
    static class SecondUser {
        @Test
        void receivesTheSameCluster(EmbeddedKafkaCluster cluster) {
            SEEN.add(cluster);
        }
    }

    @KafkaCluster(brokerProperties = "num.partitions=2", isolated = true)
    static class IsolatedUser {
        @Test
        void receivesItsOwnCluster(EmbeddedKafkaCluster cluster) {
            SEEN.add(cluster);
        }
    }
}
