package dev.gregor.admin;

/**
 * A group as a listing shows it.
 *
 * @param groupId      the group's id
 * @param type         the protocol it runs
 * @param state        its state as the coordinator names it ({@code Stable}, {@code Empty}, {@code PreparingRebalance},
 *                     {@code Dead}, ...)
 * @param protocolType {@code consumer} for consumer groups (and share groups: {@code share}), else what its members
 *                     declared ({@code connect}, ...); empty for a group that only stores offsets
 */
public record GroupListing(String groupId, GroupType type, String state, String protocolType) {
}
