package dev.gregor.cli.produce;

import java.util.Locale;

import dev.gregor.producer.Acks;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --acks}: {@code all}/{@code -1}, {@code 1}/{@code leader} or {@code 0}/{@code none}, as Kafka's tools write it. */
final class AcksConverter implements ITypeConverter<Acks> {

    @Override
    public Acks convert(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "all", "-1" -> Acks.ALL;
            case "1", "leader" -> Acks.LEADER;
            case "0", "none" -> Acks.NONE;
            default -> throw new TypeConversionException("'" + text + "' is not an acks setting: write all, 1 or 0");
        };
    }
}
