package dev.gregor.internal.group;

import dev.gregor.InvalidConfigException;

/**
 * Whether the ZooKeeper client that ZooKeeper-coordinated balancing runs on is on the class path. Curator and
 * ZooKeeper are optional dependencies of gregor-core (most applications balance through Kafka's group coordinator),
 * so asking for ZooKeeper balancing without them is a configuration error that names what to add.
 */
final class ZooKeeperDependency {

    private static final String ARTIFACT = "org.apache.curator:curator-framework";
    private static final String[] REQUIRED_CLASSES = {
            "org.apache.curator.framework.CuratorFramework", "org.apache.zookeeper.ZooKeeper"};

    private ZooKeeperDependency() {
    }

    /** Fails, naming the artifact to add, unless Curator and ZooKeeper can be loaded. */
    static void require(String zookeeperConnect) {
        for (String required : REQUIRED_CLASSES) {
            try {
                Class.forName(required, false, ZooKeeperDependency.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError missing) {
                throw new InvalidConfigException("zookeeperConnect", zookeeperConnect, "a ZooKeeper client on the"
                        + " class path: ZooKeeper-coordinated balancing needs the artifact " + ARTIFACT + " (5.x; it"
                        + " brings org.apache.zookeeper:zookeeper) as a dependency (" + required + " is missing), or"
                        + " use managed(true) to balance through Kafka's group coordinator");
            }
        }
    }
}
