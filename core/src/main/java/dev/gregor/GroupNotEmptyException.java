package dev.gregor;

/**
 * A group could not be changed (deleted, its offsets altered or deleted) because members are in it: they would go on
 * committing over the change. Stop its consumers first, then try again.
 */
public final class GroupNotEmptyException extends KafkaException {

    private final String group;

    /** For {@code operation} ("delete", "reset the offsets of", ...) refused on {@code group}. */
    public GroupNotEmptyException(String group, String operation) {
        super("Cannot " + operation + " group '" + group + "': it has live members. Stop its consumers (and wait"
                + " for their session timeout if one was killed), then try again");
        this.group = group;
    }

    /** The group's id. */
    public String group() {
        return group;
    }

    private GroupNotEmptyException(GroupNotEmptyException original) {
        super(original);
        this.group = original.group;
    }

    @Override
    KafkaException rethrown() {
        return new GroupNotEmptyException(this);
    }
}
