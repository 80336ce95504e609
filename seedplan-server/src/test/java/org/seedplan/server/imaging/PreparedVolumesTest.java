package org.seedplan.server.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/** The prepared files: read back exactly as written, unused when stale or damaged, kept under the disk budget. */
class PreparedVolumesTest {

    private static final Grid GRID = new Grid(new Vec3(-1.5, 2.25, -30), 0.7, 0.7, 1.25, 5, 4, 3);

    private static BrowserVolume volume(String series) {
        short[] hu = new short[GRID.voxelCount()];
        for (int n = 0; n < hu.length; n++) {
            hu[n] = (short) (n * 517 - 3000);
        }
        hu[0] = Short.MIN_VALUE;
        hu[1] = Short.MAX_VALUE;
        return new BrowserVolume(series, "1.2.3", null, 7, GRID, hu, List.of("1.1", "1.2", "1.3"), 2.5);
    }

    @Test
    void aWrittenVolumeIsReadBackExactlyForTheSameFingerprintOnly(@TempDir Path data) throws Exception {
        PreparedVolumes disk = new PreparedVolumes(data, PreparedVolumes.DEFAULT_BUDGET_BYTES);
        BrowserVolume v = volume("9.8.7");
        disk.write(v, "3:abc");
        BrowserVolume back = disk.read("9.8.7", "3:abc", 42).orElseThrow();
        assertThat(back.grid()).isEqualTo(GRID);
        assertThat(back.hu()).containsExactly(v.hu());
        assertThat(back.sliceSopInstanceUids()).containsExactly("1.1", "1.2", "1.3");
        assertThat(back.frameOfReferenceUid()).isNull();
        assertThat(back.studyInstanceUid()).isEqualTo("1.2.3");
        assertThat(back.patientDbId()).isEqualTo(42);
        assertThat(back.sliceThicknessMm()).as("an overlapping reconstruction's thickness, 2.5 mm on 1.25 mm slices").isEqualTo(2.5);
        assertThat(back.toVolume().sliceProfileFwhmMm()).isEqualTo(2.5);
        assertThat(disk.isCurrent("9.8.7", "3:abc")).isTrue();
        assertThat(disk.read("9.8.7", "4:def", 42)).isEmpty();
        assertThat(disk.isCurrent("9.8.7", "4:def")).isFalse();
        try (var s = Files.list(data.resolve(PreparedVolumes.FOLDER))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("9.8.7.ctv");
        }
    }

    @Test
    void aTruncatedFileIsNotUsed(@TempDir Path data) throws Exception {
        PreparedVolumes disk = new PreparedVolumes(data, PreparedVolumes.DEFAULT_BUDGET_BYTES);
        disk.write(volume("9.8.7"), "3:abc");
        Path f = disk.fileOf("9.8.7");
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 10));
        assertThat(disk.read("9.8.7", "3:abc", 1)).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedFilesGoWhenTheFolderExceedsTheBudget(@TempDir Path data) throws Exception {
        new PreparedVolumes(data, PreparedVolumes.DEFAULT_BUDGET_BYTES).write(volume("5.0"), "3:x");
        long oneFile = Files.size(data.resolve(PreparedVolumes.FOLDER).resolve("5.0.ctv"));
        PreparedVolumes disk = new PreparedVolumes(data, 3 * oneFile + oneFile / 2);
        List<Path> files = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            disk.write(volume("5." + n), "3:x");
            files.add(disk.fileOf("5." + n));
            Files.setLastModifiedTime(files.get(n), FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * n)));
        }
        // 5.0 read (used) most recently, then a fourth file: 5.1, the least recently used, goes
        assertThat(disk.read("5.0", "3:x", 1)).isPresent();
        disk.write(volume("5.3"), "3:x");
        assertThat(files.get(0)).exists();
        assertThat(disk.fileOf("5.3")).exists();
        assertThat(files.get(2)).exists();
        assertThat(files.get(1)).doesNotExist();
    }
}
