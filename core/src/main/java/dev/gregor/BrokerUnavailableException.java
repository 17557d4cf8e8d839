package dev.gregor;

/** No connection could be made to a broker (or to any bootstrap broker): it is down, unreachable or mistyped. */
public final class BrokerUnavailableException extends KafkaException {

    /** For a broker address that could not be reached, with what went wrong. */
    public BrokerUnavailableException(String address, Throwable cause) {
        super("Cannot reach the Kafka broker at " + address + " (" + describe(cause) + "). Check that a broker runs"
                + " there, that the host name resolves and the port is right, and that the broker's"
                + " advertised.listeners name an address this machine can reach.", cause);
    }

    /** For a failure to reach any broker of a list, such as the bootstrap servers. */
    public BrokerUnavailableException(String message) {
        super(message);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "connection lost";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private BrokerUnavailableException(BrokerUnavailableException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new BrokerUnavailableException(this);
    }
}
