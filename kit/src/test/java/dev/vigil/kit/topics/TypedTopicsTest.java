package dev.vigil.kit.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.config.VigilConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class TypedTopicsTest {
    /** How a schema's doc names the topic it is written to, e.g. "(compacted topic model.versions, ...". */
    private static final Pattern NAMED_TOPIC = Pattern.compile("topic ([a-z]+(?:\\.[a-z]+)*)");

    @Test
    void eachTypedTopicIsNamedByItsStringConstant() throws ReflectiveOperationException {
        for (Field field : typedFields()) {
            Topic<?> typed = (Topic<?>) field.get(null);
            assertEquals(Topics.class.getField(field.getName()).get(null), typed.defaultName(), field.getName());
        }
    }

    @Test
    void everyTopicHasATypedConstant() throws ReflectiveOperationException {
        // Every topic carries Avro values, so every default name needs its typed constant.
        List<String> typedNames = new ArrayList<>();
        for (Topic<?> typed : typedTopics()) {
            typedNames.add(typed.defaultName());
        }
        assertEquals(new TreeSet<>(Topics.DEFAULT_NAMES), new TreeSet<>(typedNames));
        assertEquals(Topics.DEFAULT_NAMES.size(), typedNames.size(), "one typed constant per topic");
    }

    @Test
    void aSchemaThatNamesItsTopicIsTheValueClassOfThatTopic() throws ReflectiveOperationException {
        int named = 0;
        for (Topic<?> typed : typedTopics()) {
            Schema schema = SpecificData.get().getSchema(typed.valueType());
            assertEquals(Schema.Type.RECORD, schema.getType(), typed.defaultName());
            Matcher m = NAMED_TOPIC.matcher(schema.getDoc() == null ? "" : schema.getDoc());
            while (m.find()) {
                assertEquals(typed.defaultName(), m.group(1), schema.getName() + " names another topic in its doc");
                named++;
            }
        }
        assertTrue(named >= 2, "the registry schemas name their topics");
    }

    @Test
    void lateRecordsAreDeadLetters() {
        assertEquals(DeadLetter.class, Topics.Typed.LATE_RECORDS.valueType());
    }

    @Test
    void aTypedTopicResolvesToItsConfiguredNameAndDeadLetterTopic() {
        Topics topics = new Topics(VigilConfig.of("t", Map.of("vigil.topic.scores", "prod.scores")));
        assertEquals("prod.scores", topics.name(Topics.Typed.SCORES));
        assertEquals("prod.scores.dlq", topics.dlqName(Topics.Typed.SCORES));
        assertEquals("alerts", topics.name(Topics.Typed.ALERTS));
    }

    private static List<Field> typedFields() {
        List<Field> fields = new ArrayList<>();
        for (Field field : Topics.Typed.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Topic.class) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static List<Topic<?>> typedTopics() throws ReflectiveOperationException {
        List<Topic<?>> topics = new ArrayList<>();
        for (Field field : typedFields()) {
            topics.add((Topic<?>) field.get(null));
        }
        return topics;
    }
}
