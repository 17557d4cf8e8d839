package dev.gregor.cli;

import java.lang.reflect.Constructor;

import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Connection;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Json;
import dev.gregor.cli.support.Output;
import dev.gregor.cli.support.Problem;
import picocli.CommandLine;

/** Makes the commands picocli instantiates, handing each one that asks for it (a constructor taking {@link Io}) the run's streams. */
final class CommandFactory implements CommandLine.IFactory {

    private final Io io;

    CommandFactory(Io io) {
        this.io = io;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Io.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(io));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
