package dev.vigil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void threadsAreGroupedByTheNamesKafkaGivesThem() {
        assertEquals(ThreadCpu.STREAM_THREADS, ThreadCpu.group("vigil-aggregator-bench-1-3f2a-StreamThread-1"));
        assertEquals(ThreadCpu.CLIENT_IO, ThreadCpu.group("kafka-producer-network-thread | vigil-aggregator-bench-1-StreamThread-1-producer"));
        assertEquals(ThreadCpu.BROKER, ThreadCpu.group("data-plane-kafka-request-handler-3"));
        assertEquals(ThreadCpu.OTHER, ThreadCpu.group("main"));
        assertEquals(ThreadCpu.ROCKSDB, ThreadCpu.nativeGroup("rocksdb:low"));
        assertEquals(ThreadCpu.GC, ThreadCpu.nativeGroup("GC Thread#1"));
        assertEquals(ThreadCpu.JIT, ThreadCpu.nativeGroup("C2 CompilerThre"));
        assertNull(ThreadCpu.nativeGroup("main"));
    }

    @Test
    void aBusyThreadsCpuIsCountedInItsGroup() throws Exception {
        ThreadCpu cpu = ThreadCpu.start();
        Thread busy = new Thread(() -> {
            long end = System.nanoTime() + 1_000_000_000L;
            double x = 0;
            while (System.nanoTime() < end) {
                x += Math.sqrt(x + 1);
            }
            if (x < 0) {
                System.out.println(x);
            }
        }, "app-StreamThread-1");
        busy.start();
        Thread.sleep(400); // still alive: a thread that has ended is not counted
        double seconds = cpu.secondsByGroup().getOrDefault(ThreadCpu.STREAM_THREADS, 0.0);
        busy.join();
        assertTrue(seconds > 0.1, "stream-thread CPU " + seconds + " s");
    }
}
