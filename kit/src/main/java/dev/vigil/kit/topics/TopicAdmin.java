package dev.vigil.kit.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates missing topics at start-up; existing topics are left as they are, so running it twice is harmless. */
public final class TopicAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    public static void ensure(Properties clientProperties, Collection<TopicSpec> specs) {
        try (Admin admin = Admin.create(clientProperties)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = specs.stream().filter(s -> !existing.contains(s.name())).map(TopicAdmin::toNewTopic).toList();
            if (missing.isEmpty()) {
                return;
            }
            createAll(admin, missing);
            awaitLeaders(admin, missing.stream().map(NewTopic::name).toList(), Duration.ofSeconds(60));
            LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot list or create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Waits until every partition of new topics has a leader. A topic is created before its partitions are served:
     * a producer that writes at once gets NOT_LEADER_OR_FOLLOWER, and its idempotent retries can then be refused
     * as out of order until they expire, losing the batch. So nothing starts writing before this returns.
     */
    private static void awaitLeaders(Admin admin, List<String> topics, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                boolean ready = admin.describeTopics(topics).allTopicNames().get().values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                LOG.debug("New topics not described yet: {}", e.getCause().getMessage());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + topics + " have no leader for every partition after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** The number of partitions of an existing topic. */
    public static int partitionCount(Properties clientProperties, String topic) {
        try (Admin admin = Admin.create(clientProperties)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topic " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void createAll(Admin admin, List<NewTopic> missing) throws InterruptedException, ExecutionException {
        var result = admin.createTopics(missing);
        for (var entry : result.values().entrySet()) {
            try {
                entry.getValue().get(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Timed out creating topic " + entry.getKey(), e);
            }
        }
    }

    private static NewTopic toNewTopic(TopicSpec spec) {
        Optional<Short> replication = spec.replicationFactor() < 1 ? Optional.empty() : Optional.of(spec.replicationFactor());
        return new NewTopic(spec.name(), Optional.of(spec.partitions()), replication).configs(spec.configs());
    }
}
