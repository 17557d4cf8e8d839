package dev.gregor.benchmarks;

import dev.gregor.benchmarks.internal.Clients;
import dev.gregor.benchmarks.internal.Result;
import dev.gregor.benchmarks.internal.Scenario;

/**
 * One measured run in a JVM of its own, so that no client inherits another's warm JIT or garbage: arguments
 * {@code <client> <scenario> <bootstrap> <topic> <scale>}; prints {@code RESULT <line>}.
 */
public final class ScenarioMain {

    private ScenarioMain() {
    }

    /** Runs the scenario and prints its result line. */
    public static void main(String[] args) throws Exception {
        Result result = Clients.run(args[0], Scenario.valueOf(args[1]), args[2], args[3], Double.parseDouble(args[4]));
        System.out.println("RESULT " + result.toLine());
        System.exit(0);
    }
}
