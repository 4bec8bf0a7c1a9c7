package jnas.spark;

import java.time.Duration;

/** A JVM that starts a one-worker standalone cluster, prints "up", and waits to be killed. */
public final class StartAndWait {
    private StartAndWait() {}

    public static void main(String[] args) throws Exception {
        Standalone s = Standalone.start(1, 1024, Duration.ofSeconds(90));
        System.out.println("up " + s.url());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
