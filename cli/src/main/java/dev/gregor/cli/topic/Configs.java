package dev.gregor.cli.topic;

import java.util.List;

import dev.gregor.admin.ConfigEntry;
import dev.gregor.cli.support.Table;

/** Configs as a table: NAME, VALUE (sensitive ones hidden), SOURCE. */
final class Configs {

    private Configs() {
    }

    static Table table(List<ConfigEntry> entries) {
        Table table = new Table("NAME", "VALUE", "SOURCE");
        for (ConfigEntry entry : entries) {
            table.row(entry.name(), entry.sensitive() ? "(sensitive)" : entry.value().orElse(null), entry.source().name());
        }
        return table;
    }
}
