package org.seedplan.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;

/** Objects received are grouped by series, and each series is announced once it has been quiet for the set period. */
class SeriesCompletionTest {

    @TempDir
    Path tmp;

    @Test
    void eachSeriesIsAnnouncedOnceQuietWithItsObjectCount() throws Exception {
        List<Path> ct = NetFixtures.demoCt(tmp, 3);
        Path reg = NetFixtures.registration(tmp);
        LinkedBlockingQueue<SeriesCompletion.CompletedSeries> announced = new LinkedBlockingQueue<>();
        NodeConfig config = new NodeConfig("SEEDPLAN", "127.0.0.1", 0, tmp.resolve("store"), Set.of(), NetFixtures.FAST, 8);
        try (DicomNode node = DicomNode.start(config, new SeriesCompletion(Duration.ofMillis(300), announced::add))) {
            List<Path> all = new ArrayList<>(ct);
            all.add(reg);
            StoreScu.send(new AeAddress("SEEDPLAN", "127.0.0.1", node.port()), "SCU", all, NetFixtures.FAST);
            List<SeriesCompletion.CompletedSeries> got = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                // 300 ms quiet period; 10 s allows for a loaded machine
                SeriesCompletion.CompletedSeries s = announced.poll(10, TimeUnit.SECONDS);
                assertThat(s).as("announcement " + (i + 1)).isNotNull();
                got.add(s);
            }
            DataSet ctSlice = DicomReader.read(ct.get(0)).dataSet();
            DataSet regObject = DicomReader.read(reg).dataSet();
            assertThat(got).extracting(SeriesCompletion.CompletedSeries::seriesInstanceUid, SeriesCompletion.CompletedSeries::objects)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(ctSlice.requireString(Tag.SERIES_INSTANCE_UID), 3),
                            org.assertj.core.groups.Tuple.tuple(regObject.requireString(Tag.SERIES_INSTANCE_UID), 1));
            assertThat(announced.poll(1, TimeUnit.SECONDS)).as("no second announcement while nothing new arrives").isNull();
        }
    }
}
