package dev.gregor;

/** The cluster has no group of that id (no member and no committed offsets). */
public final class UnknownGroupException extends KafkaException {

    private final String group;

    /** For a group no coordinator knows. */
    public UnknownGroupException(String group) {
        super("Group '" + group + "' does not exist: no member is in it and it has no committed offsets."
                + " List the groups there are with client.admin().listGroups() (gregor groups)");
        this.group = group;
    }

    /** The group's id. */
    public String group() {
        return group;
    }

    private UnknownGroupException(UnknownGroupException original) {
        super(original);
        this.group = original.group;
    }

    @Override
    KafkaException rethrown() {
        return new UnknownGroupException(this);
    }
}
