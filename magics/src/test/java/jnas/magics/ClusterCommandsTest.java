package jnas.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code %nas cluster}'s usage lines, and what it says in a JVM without Spark's jars (this module's tests have none). */
class ClusterCommandsTest {
    private final TestKernel kernel = new TestKernel();

    @Test
    void badActionsAndOptionsAreOneUsageLine() {
        String usage = "; usage: %nas cluster local|start|connect ADDRESS|status|stop [--workers N] [key=value ...]";
        assertEquals("%nas cluster: unknown %nas cluster action 'go'; expected local, start, connect, status or stop" + usage,
                kernel.usageError("cluster", "go"));
        assertEquals("%nas cluster: --workers belongs to %nas cluster start" + usage, kernel.usageError("cluster", "status", "--workers", "2"));
        assertEquals("%nas cluster: %nas cluster stop takes no address; only connect does (connect spark://HOST:PORT)" + usage,
                kernel.usageError("cluster", "stop", "spark://h:1"));
        assertEquals("%nas cluster: %nas cluster connect needs the master's address: spark://HOST:PORT" + usage, kernel.usageError("cluster", "connect"));
        assertEquals("%nas cluster: 'driver.host=...' is not a Spark setting; expected spark.KEY=VALUE, e.g. spark.driver.host=10.0.0.2" + usage,
                kernel.usageError("cluster", "connect", "spark://h:1", "driver.host=x"));
        assertEquals("%nas cluster: Spark settings (key=value) belong to %nas cluster start or connect" + usage,
                kernel.usageError("cluster", "status", "spark.x=1"));
        assertTrue(kernel.usageError("cluster", "start", "--workers", "0").startsWith("%nas cluster: option '--workers'"),
                kernel.usageError("cluster", "start", "--workers", "0"));
    }

    @Test
    void withoutSparksJarsTheClusterSaysWhereToGetThem() throws Exception {
        String line = kernel.usageError("cluster", "start", "--workers", "2");
        assertTrue(line.startsWith("%nas cluster: Spark is not available to this JVM: expected the spark module's jars in JNAS_SPARK_CLASSPATH"), line);
        kernel.nas("cluster", "status");
        assertEquals("no cluster: evaluations run in this JVM (%nas cluster start --workers N, or connect spark://HOST:PORT)", kernel.lastText());
        kernel.nas("cluster", "local");
        assertEquals("evaluations run in this JVM (one at a time)", kernel.lastText());
    }
}
