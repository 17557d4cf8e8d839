package dev.gregor.cli.topic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gregor.KafkaClient;
import dev.gregor.admin.ConfigChange;
import dev.gregor.admin.ConfigEntry;
import dev.gregor.admin.ConfigResource;
import dev.gregor.admin.ConfigSource;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gregor topic config NAME [--all] [--set k=v]... [--delete k]...}: shows or changes a topic's configs. */
@Command(name = "config", description = "Shows the configs set on a topic (--all: every config), or changes them with"
        + " --set and --delete (the others stay as they are).")
final class TopicConfigCommand extends ConnectedCommand {

    @Parameters(paramLabel = "NAME", description = "The topic.")
    String name;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Sets a config; repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--delete", paramLabel = "KEY", description = "Removes a config set on the topic, so the default"
            + " applies again; repeatable.")
    List<String> delete = new ArrayList<>();

    @Option(names = "--all", description = "Show every config, defaults too.")
    boolean all;

    TopicConfigCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        ConfigResource topic = ConfigResource.topic(name);
        client.topic(name);
        if (set.isEmpty() && delete.isEmpty()) {
            List<ConfigEntry> entries = client.admin().describeConfig(topic).stream()
                    .filter(entry -> all || entry.source() == ConfigSource.TOPIC).toList();
            output.table(Configs.table(entries));
            return 0;
        }
        List<ConfigChange> changes = new ArrayList<>();
        set.forEach((key, value) -> changes.add(ConfigChange.set(key, value)));
        delete.forEach(key -> changes.add(ConfigChange.delete(key)));
        client.admin().alterConfig(topic, changes);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("topic", name);
        data.put("set", set);
        data.put("deleted", delete);
        output.done("Updated " + changes.size() + " config" + (changes.size() == 1 ? "" : "s") + " of topic '" + name
                + "'.", data);
        return 0;
    }
}
