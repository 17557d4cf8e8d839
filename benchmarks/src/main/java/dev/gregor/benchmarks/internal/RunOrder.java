package dev.gregor.benchmarks.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of a scenario's runs: run 1 of every client, then run 2 of every client, and so on (A B C A B C ...), so
 * that a machine that slows down for a while slows every client down alike rather than one client's runs.
 */
public final class RunOrder {

    /** One run of one client. */
    public record Slot(int run, String client) {
    }

    private RunOrder() {
    }

    /** The runs of {@code scenario}, {@code runs} per client that runs it, interleaved. */
    public static List<Slot> of(Scenario scenario, List<String> clients, int runs) {
        List<Slot> order = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (String client : clients) {
                if (Clients.runs(client, scenario)) {
                    order.add(new Slot(run, client));
                }
            }
        }
        return order;
    }
}
