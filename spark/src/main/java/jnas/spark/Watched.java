package jnas.spark;

/**
 * The main class of every process a {@link Standalone} cluster starts: it runs Spark's {@code Master} or
 * {@code Worker} and exits (running their shutdown hooks, so a worker stops its executors) as soon as the
 * JVM that started it is gone, even when that one was killed with SIGKILL.
 * Usage: {@code Watched PARENT_PID MAIN_CLASS ARGS...}.
 */
public final class Watched {
    private Watched() {}

    public static void main(String[] args) throws Exception {
        long parent = Long.parseLong(args[0]);
        Thread watch = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                if (!ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
                    System.err.println("jnas: the JVM that started this process (" + parent + ") is gone; stopping");
                    System.exit(0);
                }
            }
        }, "jnas-parent-watch");
        watch.setDaemon(true);
        watch.start();
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        Class.forName(args[1]).getMethod("main", String[].class).invoke(null, (Object) rest);
    }
}
