package org.seedplan.server.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.server.World;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;

/**
 * The background preparation: at the first look the newest series are prepared until the disk budget is full and the
 * older ones left for their opening; afterwards a series that gains an instance is prepared again.
 */
class StoredSeriesPreparerTest {

    @Test
    void theFirstLookStopsAtTheBudgetNewestFirstAndAChangedSeriesIsPreparedAgain(@TempDir Path prepFolder) throws Exception {
        try (TestServer t = new TestServer(TestDatabases.Kind.SQLITE)) {
            Patient p = new World(t).patient(t.a);
            DicomStore store = DicomStore.open(t.db);
            Grid ten = new Grid(ColdSeriesOpeningTest.GRID.originMm(), 0.5, 0.75, 2.5, 16, 12, 10);
            List<String> series = new ArrayList<>();
            List<List<Path>> files = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                series.add(Uids.newUid());
                files.add(ColdSeriesOpeningTest.slices(t.folder("cold-ct"), p, series.get(n), ten));
                store.importForPatient(Actor.SYSTEM, p.id(), files.get(n).subList(0, 9), ImportLimits.DEFAULT);
            }
            PreparedVolumes probe = new PreparedVolumes(prepFolder.resolve("probe"), PreparedVolumes.DEFAULT_BUDGET_BYTES);
            probe.write(CtVolumeCache.read(series.get(0), p.id(), store.seriesFiles(series.get(0))), "x");
            long oneFile = probe.sizeOf(series.get(0));
            // room for two and a half files: the two newest series are prepared, the oldest is left for its opening
            PreparedVolumes disk = new PreparedVolumes(prepFolder, 2 * oneFile + oneFile / 2);
            StoredSeriesPreparer preparer = new StoredSeriesPreparer(t.db, store, new CtVolumeCache(CtVolumeCache.DEFAULT_BUDGET_BYTES, disk));

            preparer.run();
            assertThat(disk.isCurrent(series.get(2), SeriesFingerprint.of(t.db, series.get(2)))).isTrue();
            assertThat(disk.isCurrent(series.get(1), SeriesFingerprint.of(t.db, series.get(1)))).isTrue();
            assertThat(disk.fileOf(series.get(0))).doesNotExist();

            store.importForPatient(Actor.SYSTEM, p.id(), files.get(0).subList(9, 10), ImportLimits.DEFAULT);
            String grown = SeriesFingerprint.of(t.db, series.get(0));
            preparer.run();
            assertThat(disk.isCurrent(series.get(0), grown)).isTrue();
            assertThat(disk.read(series.get(0), grown, p.id()).orElseThrow().grid().nz()).isEqualTo(10);
        }
    }
}
