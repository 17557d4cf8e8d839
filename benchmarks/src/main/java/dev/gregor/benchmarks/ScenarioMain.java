package dev.gregor.benchmarks;

import dev.gregor.benchmarks.internal.Clients;
import dev.gregor.benchmarks.internal.Result;
import dev.gregor.benchmarks.internal.Scenario;
import dev.gregor.benchmarks.internal.Sizing;

/**
 * One measured run in a JVM of its own, so that no client inherits another's warm JIT or garbage: arguments
 * {@code <client> <scenario> <bootstrap> <topic> <prefilled records> <sizing...>}; prints {@code RESULT <line>}.
 */
public final class ScenarioMain {

    private ScenarioMain() {
    }

    /** Runs the scenario and prints its result line. */
    public static void main(String[] args) throws Exception {
        Result result = Clients.run(args[0], Scenario.valueOf(args[1]), args[2], args[3], Sizing.fromArgs(args, 5),
                Long.parseLong(args[4]));
        System.out.println("RESULT " + result.toLine());
        System.exit(0);
    }
}
