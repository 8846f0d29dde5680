package dev.vigil.registry;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.deadletter.Decoded;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.TopicReader;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes the registry on Kafka. Publishing writes the artifact chunks and then the version record
 * in one transaction, so a reader never sees a version whose artifact is missing.
 */
public final class ModelRegistryClient {
    private final Properties kafka;
    private final RegistrySettings registry;
    private final String versionsTopic;
    private final String artifactsTopic;
    /** Signs published versions when a signing key is configured (the retrainer); null otherwise. */
    private final ModelSignatures.Signer signer;

    public ModelRegistryClient(VigilConfig config) {
        this.kafka = config.clientProperties();
        this.registry = RegistrySettings.from(config);
        Topics topics = new Topics(config);
        this.versionsTopic = topics.name(Typed.MODEL_VERSIONS);
        this.artifactsTopic = topics.name(Typed.MODEL_ARTIFACTS);
        this.signer = ModelSignatures.signer(config);
    }

    /** Publishes a new version: artifact chunks first, then the version record, atomically. */
    public void publish(ModelVersion version, byte[] artifact) {
        publish(version, artifact, List.of());
    }

    /**
     * Publishes a new version and, in the same transaction, re-announces other versions (e.g. the production
     * version it displaces, archived), so a crash cannot leave one change without the other.
     */
    public void publish(ModelVersion unsigned, byte[] artifact, List<ModelVersion> alsoAnnounce) {
        ModelVersion version = signer == null ? unsigned : signer.sign(unsigned);
        List<ModelArtifact> chunks = ArtifactChunks.split(version.getName(), version.getVersion(), artifact,
                ArtifactChunks.DEFAULT_CHUNK_BYTES);
        inTransaction(producer -> {
            for (ModelArtifact chunk : chunks) {
                producer.send(new ProducerRecord<>(artifactsTopic,
                        ModelKeys.artifactChunk(chunk.getName(), chunk.getVersion(), chunk.getChunkIndex()),
                        serialize(artifactsTopic, chunk)));
            }
            producer.send(versionRecord(version));
            alsoAnnounce.forEach(v -> producer.send(versionRecord(v)));
        });
    }

    /** Re-announces versions (stage changes) in one transaction. */
    public void announce(List<ModelVersion> versions) {
        inTransaction(producer -> versions.forEach(v -> producer.send(versionRecord(v))));
    }

    /**
     * Moves a version to production (a promotion, or a rollback when it is older) and archives the version
     * that was in production.
     */
    public ModelVersion promote(String model, int version, String reason) {
        ModelCatalog catalog = catalog();
        ModelVersion target = catalog.version(model, version)
                .orElseThrow(() -> new IllegalArgumentException("No version " + version + " of model " + model));
        List<ModelVersion> changes = new ArrayList<>();
        Optional<ModelVersion> current = catalog.production(model);
        current.filter(c -> c.getVersion() != version)
                .ifPresent(c -> changes.add(withStage(c, ModelStage.ARCHIVED, "replaced by version " + version)));
        ModelVersion promoted = withStage(target, ModelStage.PRODUCTION, reason);
        changes.add(promoted);
        announce(changes);
        return promoted;
    }

    /** A copy of a version in a new stage, with the change appended to its history. */
    public static ModelVersion withStage(ModelVersion v, ModelStage stage, String reason) {
        List<StageChange> history = new ArrayList<>(v.getStageHistory());
        history.add(new StageChange(stage, Instant.now(), reason));
        return ModelVersion.newBuilder(v).setStage(stage).setStageHistory(history).build();
    }

    /**
     * Reads model.versions from the beginning to its current end. A record that does not decode is left out
     * and listed in {@link ModelCatalog#unreadable()} (the apps dead-letter it); a tombstone deletes its version;
     * a registry outage throws.
     */
    public ModelCatalog catalog() {
        ModelCatalog catalog = new ModelCatalog();
        AvroDeserializer<ModelVersion> reader = new AvroDeserializer<>(Typed.MODEL_VERSIONS, registry);
        readToEnd(versionsTopic, r -> {
            Decoded<ModelVersion> decoded = Decoded.of(reader, versionsTopic, r.value());
            if (decoded.ok()) {
                catalog.apply(decoded.value());
            } else if (decoded.failed()) {
                catalog.skip(new ModelCatalog.Unreadable(versionsTopic, r.partition(), r.offset(), r.key(), decoded.reason()));
            } else {
                ModelKeys.parseVersion(r.key()).ifPresent(k -> catalog.deleted(k.model(), k.version()));
            }
        });
        return catalog;
    }

    /**
     * The catalog with the refusals the serving apps reported, for operators: a version announced as PRODUCTION
     * but refused is not what serves.
     */
    public ModelCatalog catalogWithRefusals() {
        ModelCatalog catalog = catalog();
        refusals().forEach(catalog::refused);
        return catalog;
    }

    /** The refusal reports on the versions topic's dead-letter topic ({@link RefusalReport}), oldest first. */
    public List<RefusalReport> refusals() {
        AvroDeserializer<DeadLetter> reader = new AvroDeserializer<>(DeadLetter.class, registry);
        String dlq = Topics.dlq(versionsTopic);
        List<RefusalReport> reports = new ArrayList<>();
        readToEnd(dlq, r -> {
            Decoded<DeadLetter> decoded = Decoded.of(reader, dlq, r.value());
            if (decoded.ok()) {
                RefusalReport.of(decoded.value()).ifPresent(reports::add);
            }
        });
        return reports;
    }

    /** Fetches a version's artifact and verifies its SHA-256 against the version record. */
    public byte[] artifact(ModelVersion version) {
        String prefix = version.getName() + "/" + version.getVersion() + "/";
        AvroDeserializer<ModelArtifact> reader = new AvroDeserializer<>(Typed.MODEL_ARTIFACTS, registry);
        List<ModelArtifact> chunks = new ArrayList<>();
        readToEnd(artifactsTopic, r -> {
            if (r.key() != null && r.key().startsWith(prefix) && r.value() != null) {
                // An undecodable chunk is left out: the join then names the missing chunk.
                Decoded<ModelArtifact> decoded = Decoded.of(reader, artifactsTopic, r.value());
                if (decoded.ok()) {
                    chunks.add(decoded.value());
                }
            }
        });
        chunks.removeIf(c -> !c.getSha256().equalsIgnoreCase(version.getArtifactSha256()) && chunks.stream()
                .anyMatch(o -> o.getSha256().equalsIgnoreCase(version.getArtifactSha256())));
        return ArtifactChunks.join(chunks, version.getArtifactSha256());
    }

    private void readToEnd(String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put("max.partition.fetch.bytes", Integer.toString(2 * 1024 * 1024));
        TopicReader.readToEnd(p, topic, each);
    }

    /**
     * A version record; signed when this client has the signing key (Ed25519 is deterministic, so a stage change
     * carries the same signature). Without the key (an operator's promote) the catalog's signature is kept.
     */
    private ProducerRecord<String, byte[]> versionRecord(ModelVersion v) {
        ModelVersion record = signer == null || v.getArtifactSignature() != null ? v : signer.sign(v);
        return new ProducerRecord<>(versionsTopic, ModelKeys.version(v.getName(), v.getVersion()), serialize(versionsTopic, record));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private byte[] serialize(String topic, SpecificRecord record) {
        return new AvroSerializer(record.getClass(), registry, false).serialize(topic, record);
    }

    private void inTransaction(Consumer<KafkaProducer<String, byte[]>> work) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put("transactional.id", "vigil-registry-" + java.util.UUID.randomUUID());
        p.put("max.request.size", Integer.toString(1024 * 1024));
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            try {
                work.accept(producer);
                producer.commitTransaction();
            } catch (RuntimeException e) {
                producer.abortTransaction();
                throw e;
            }
        }
    }
}
