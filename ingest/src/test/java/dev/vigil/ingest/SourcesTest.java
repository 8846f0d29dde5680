package dev.vigil.ingest;

import dev.vigil.schemas.Entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.ingest.csv.SfuCsvReader;
import dev.vigil.ingest.csv.UfamCsvReader;
import dev.vigil.ingest.mrt.MrtUpdateReader;
import dev.vigil.ingest.rislive.RisLiveReader;
import dev.vigil.ingest.support.Datasets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SourcesTest {

    @Test
    void readersArePickedByContentAndName() throws Exception {
        try (ReplaySource<BgpUpdate> mrt = Sources.bgpUpdates(Datasets.file("bgp_raw_update_samples/caida_libbgpstream_test/ris.rrc06.updates.1427846400.gz"))) {
            assertInstanceOf(MrtUpdateReader.class, mrt);
            assertEquals("rrc06", mrt.next().getCollector());
            assertEquals(true, mrt.progress() > 0 && mrt.progress() <= 1);
        }
        try (var json = Sources.bgpUpdates(Datasets.file("bgp_raw_update_samples/caida_libbgpstream_test/ris-live-stream.json"))) {
            assertInstanceOf(RisLiveReader.class, json);
        }
        try (var ufam = Sources.labelledWindows(Datasets.file("bgp_ufam_multi_event/dataset_multi_slammer_559_5_rrc04.csv"), LocalDate.EPOCH)) {
            assertInstanceOf(UfamCsvReader.class, ufam);
        }
        try (var sfu = Sources.labelledWindows(Datasets.file("bgp_sfu_ripe_rrc04/RIPE_regular.csv"), LocalDate.of(2006, 1, 1))) {
            assertInstanceOf(SfuCsvReader.class, sfu);
            assertEquals(java.time.Instant.parse("2006-01-01T00:00:00Z"), sfu.next().vector().getWindowStart());
        }
    }

    @Test
    void entityNamesFollowTheFeatureVectorDoc() {
        assertEquals("peer:rrc04|AS513|192.0.2.1", Entities.peer("rrc04", 513, "192.0.2.1"));
        assertEquals("peer:rrc04|AS513", Entities.peer("rrc04", 513, null));
        assertEquals("origin:AS3356", Entities.origin(3356));
        assertEquals("service:checkout", Entities.service("checkout"));
        assertEquals("metric:host1|cpu", Entities.metric("host1", "cpu"));
    }
}
