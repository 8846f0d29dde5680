package dev.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this process's threads between two points, grouped by what the threads do: the apps' stream threads,
 * the Kafka clients' network threads, the embedded broker and the rest. A benchmark runs the broker in the same JVM,
 * so the process CPU alone cannot say whether a change saved work in the app or in the broker.
 * Threads that end between the two points are missing from the difference (their CPU is not counted).
 */
public final class ThreadCpu {
    /** The groups, in print order. */
    public static final String STREAM_THREADS = "stream threads";
    public static final String CLIENT_IO = "Kafka clients' network threads";
    public static final String BROKER = "embedded broker";
    public static final String OTHER = "other Java threads";
    /** Native threads, seen only on Linux (through /proc): the JVM's own and RocksDB's flush and compaction threads. */
    public static final String GC = "JVM garbage collector";
    public static final String JIT = "JVM JIT compilers";
    public static final String ROCKSDB = "RocksDB background threads";
    /** Linux's USER_HZ, the unit of /proc's CPU times; 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();
    private final Map<String, Long> nativeStart = new HashMap<>();

    private ThreadCpu() {
    }

    /** Starts counting from now. */
    public static ThreadCpu start() {
        ThreadCpu cpu = new ThreadCpu();
        for (long id : cpu.threads.getAllThreadIds()) {
            long nanos = cpu.threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.start.put(id, nanos);
            }
        }
        cpu.nativeStart.putAll(nativeTicks());
        return cpu;
    }

    /** CPU seconds per group since {@link #start()}, groups in print order. */
    public Map<String, Double> secondsByGroup() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String group : new String[] {STREAM_THREADS, CLIENT_IO, BROKER, OTHER, ROCKSDB, GC, JIT}) {
            out.put(group, 0.0);
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos < 0) {
                continue;
            }
            double seconds = (nanos - start.getOrDefault(info.getThreadId(), 0L)) / 1e9;
            out.merge(group(info.getThreadName()), seconds, Double::sum);
        }
        nativeTicks().forEach((task, ticks) -> out.merge(task.substring(task.indexOf(' ') + 1),
                (ticks - nativeStart.getOrDefault(task, 0L)) / TICKS_PER_SECOND, Double::sum));
        out.values().removeIf(seconds -> seconds == 0);
        return out;
    }

    /**
     * User plus system ticks of this process's native threads, keyed "tid group"; empty where /proc is missing. Java
     * threads are left out (counted exactly above): a native thread is known by the name the JVM or RocksDB gives it.
     */
    private static Map<String, Long> nativeTicks() {
        Map<String, Long> out = new HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return out;
        }
        for (java.io.File task : tasks) {
            try {
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close);
                String group = nativeGroup(name);
                if (group != null) {
                    // After "(comm)": state is field 3, utime and stime fields 14 and 15.
                    String[] fields = stat.substring(close + 2).split(" ");
                    out.put(task.getName() + " " + group, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                }
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended while being read
            }
        }
        return out;
    }

    static String nativeGroup(String name) {
        if (name.startsWith("rocksdb:")) {
            return ROCKSDB;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return GC;
        }
        if (name.contains("CompilerThre")) {
            return JIT;
        }
        return null;
    }

    /** The group of a thread by its name, as Kafka and Kafka Streams name their threads. */
    static String group(String name) {
        if (name.startsWith("kafka-producer-network-thread") || name.startsWith("kafka-admin-client-thread")
                || name.contains("consumer_background") || name.contains("-GlobalStreamThread")) {
            return CLIENT_IO;
        }
        if (name.contains("-StreamThread-")) {
            return STREAM_THREADS;
        }
        if (name.startsWith("data-plane-") || name.startsWith("kafka-") || name.startsWith("broker-")
                || name.startsWith("controller-") || name.startsWith("quorum-") || name.startsWith("group-coordinator")
                || name.startsWith("share-coordinator") || name.startsWith("transaction-coordinator")
                || name.startsWith("TxnMarkerSenderThread") || name.startsWith("AddPartitionsToTxnSenderThread")
                || name.startsWith("ReplicaFetcher") || name.startsWith("LogDirFailureHandler")
                || name.startsWith("raft-") || name.startsWith("ExpirationReaper") || name.startsWith("executor-")) {
            return BROKER;
        }
        return OTHER;
    }
}
