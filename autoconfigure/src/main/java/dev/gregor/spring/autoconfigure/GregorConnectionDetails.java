package dev.gregor.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/** Where Gregor's client and containers connect: every factory reads its endpoints from this bean. */
public interface GregorConnectionDetails extends ConnectionDetails {

    /** The bootstrap servers, {@code host:port,host:port}. */
    String getBootstrapServers();

    /** The ZooKeeper connect string for ZooKeeper-coordinated listeners, or null if there is none. */
    @Nullable String getZookeeperConnect();
}
