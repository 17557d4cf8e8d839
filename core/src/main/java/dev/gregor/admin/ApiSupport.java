package dev.gregor.admin;

import java.util.OptionalInt;

/**
 * One API a broker serves, and the version Gregor uses of it.
 *
 * @param key        the API's key number
 * @param name       its name ({@code Produce}, {@code Fetch}, ...), or {@code api-<key>} for one Gregor does not know
 * @param minVersion the oldest version the broker serves
 * @param maxVersion the newest version the broker serves
 * @param used       the version Gregor speaks with this broker (the newest both know), empty when it does not use it
 */
public record ApiSupport(int key, String name, int minVersion, int maxVersion, OptionalInt used) {
}
