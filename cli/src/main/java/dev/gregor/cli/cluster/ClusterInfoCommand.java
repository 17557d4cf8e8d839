package dev.gregor.cli.cluster;

import dev.gregor.Broker;
import dev.gregor.Cluster;
import dev.gregor.KafkaClient;
import dev.gregor.admin.ApiSupport;
import dev.gregor.admin.BrokerDescription;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import dev.gregor.cli.support.Report;
import dev.gregor.cli.support.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gregor cluster [--versions]}: the cluster's id, controller and brokers; with their API versions if asked. */
@Command(name = "cluster", description = "Shows the cluster's id, its controller and its brokers with their racks;"
        + " --versions adds each broker's API versions.")
public final class ClusterInfoCommand extends ConnectedCommand {

    @Option(names = "--versions", description = "Also list the APIs each broker serves, their versions and the one"
            + " Gregor uses.")
    boolean versions;

    ClusterInfoCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        Cluster cluster = client.cluster();
        Integer controller = cluster.controller().map(Broker::id).orElse(null);
        Table brokers = new Table("ID", "HOST", "PORT", "RACK", "CONTROLLER");
        for (Broker broker : cluster.brokers()) {
            brokers.row(broker.id(), broker.host(), broker.port(), broker.rack().orElse(null),
                    controller != null && controller == broker.id());
        }
        Report report = new Report()
                .value("Cluster id", cluster.clusterId().orElse(null))
                .value("Controller", controller)
                .table("Brokers", brokers);
        if (versions) {
            report.table("Api versions", apiVersions(client));
        }
        output.report(report);
        return 0;
    }

    private static Table apiVersions(KafkaClient client) {
        Table table = new Table("BROKER", "API", "KEY", "MIN", "MAX", "USED");
        for (BrokerDescription broker : client.admin().describeCluster().brokers()) {
            for (ApiSupport api : broker.apis()) {
                table.row(broker.broker().id(), api.name(), api.key(), api.minVersion(), api.maxVersion(),
                        api.used().isPresent() ? api.used().getAsInt() : null);
            }
        }
        return table;
    }
}
