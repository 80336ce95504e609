package org.seedplan.dicom.ct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Slice Thickness (0018,0050), the slice profile's full width at half maximum, carried from the series onto the volume. The
 * series are real DICOM: the phantom plastimatch wrote (2.5 mm slices every 2.5 mm), changed by dcmtk's dcmodify, and a
 * series written by {@link CtSeriesWriter}. Thicknesses are compared exactly: they are decimal strings read back as written.
 */
class CtSliceThicknessTest {

    @TempDir
    Path tmp;

    /** The phantom's 40 CT slices copied to a new folder, then {@code dcmodify} run with {@code args} on the files chosen. */
    private Path modified(String name, List<String> args, boolean onlyOneSlice) throws Exception {
        ExternalTools.require("dcmodify");
        Path dir = Files.createDirectories(tmp.resolve(name));
        List<Path> copies = new ArrayList<>();
        try (var s = Files.list(ExternalTools.data("synthetic-seed-phantom/dicom"))) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith("image")).sorted().toList()) {
                copies.add(Files.copy(p, dir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING));
            }
        }
        if (!args.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("dcmodify", "-nb"));
            cmd.addAll(args);
            (onlyOneSlice ? copies.subList(17, 18) : copies).forEach(p -> cmd.add(p.toString()));
            ExternalTools.Result r = ExternalTools.run(cmd, 120);
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
        return dir;
    }

    @Test
    void theRecordedThicknessIsCarriedOnTheVolume() throws Exception {
        Volume ct = CtSeriesReader.read(modified("as-written", List.of(), false)).volume();
        assertThat(ct.sliceThicknessMm()).isEqualTo(2.5);
        assertThat(ct.grid().dzMm()).isEqualTo(2.5);
    }

    @Test
    void anOverlappingReconstructionKeepsItsThicknessNotTheSpacing() throws Exception {
        // 5 mm thick slices every 2.5 mm: the profile is 5 mm wide at half maximum.
        Volume ct = CtSeriesReader.read(modified("overlapping", List.of("-m", "(0018,0050)=5"), false)).volume();
        assertThat(ct.grid().dzMm()).isEqualTo(2.5);
        assertThat(ct.sliceThicknessMm()).isEqualTo(5.0);
        assertThat(ct.sliceProfileFwhmMm()).isEqualTo(5.0);
    }

    @Test
    void anAbsentOrEmptyThicknessFallsBackOnTheSpacing() throws Exception {
        for (Path dir : List.of(modified("removed", List.of("-ea", "(0018,0050)"), false),
                modified("empty", List.of("-m", "(0018,0050)="), false))) {
            Volume ct = CtSeriesReader.read(dir).volume();
            assertThat(ct.hasSliceThickness()).as(dir.toString()).isFalse();
            assertThat(ct.sliceThicknessMm()).isNaN();
            assertThat(ct.sliceProfileFwhmMm()).isEqualTo(2.5);
        }
        // Empty on one slice only: the others' agreeing value stands.
        assertThat(CtSeriesReader.read(modified("one-empty", List.of("-m", "(0018,0050)="), true)).volume().sliceThicknessMm())
                .isEqualTo(2.5);
    }

    @Test
    void aSeriesMixingThicknessesOrRecordingNoneIsRefused() throws Exception {
        Path mixed = modified("mixed", List.of("-m", "(0018,0050)=3"), true);
        assertThatThrownBy(() -> CtSeriesReader.read(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Slice Thickness (0018,0050) differs within the series: 2.500 mm (")
                .hasMessageContaining("and 3.000 mm (image0017.dcm)")
                .hasMessageContaining("export one reconstruction");
        Path zero = modified("zero", List.of("-m", "(0018,0050)=0"), true);
        assertThatThrownBy(() -> CtSeriesReader.read(zero)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image0017.dcm: Slice Thickness (0018,0050) is 0.0 mm: a slice thickness is positive");
    }

    @Test
    void theWriterRecordsTheVolumesThicknessAndTheReaderReadsItBack() throws Exception {
        Grid g = new Grid(new Vec3(-10, -10, -5), 1, 1, 2.5, 20, 20, 5);
        Volume overlapping = new Volume(g, new float[g.voxelCount()], 5);
        Path dir = Files.createDirectories(tmp.resolve("written"));
        List<DataSet> slices = CtSeriesWriter.slices(overlapping, StudyContext.newStudy(PatientInfo.anonymous("THICK")), Uids.newUid());
        for (int k = 0; k < slices.size(); k++) {
            Files.write(dir.resolve("ct" + k + ".dcm"), DicomWriter.encode(slices.get(k)));
        }
        assertThat(ExternalTools.dcmdump(dir.resolve("ct2.dcm"))).contains("(0018,0050) DS [5]");
        Volume read = CtSeriesReader.read(dir).volume();
        assertThat(read.grid().dzMm()).isEqualTo(2.5);
        assertThat(read.sliceThicknessMm()).isEqualTo(5.0);
        // A volume that records none is written with its spacing, as before.
        List<DataSet> plain = CtSeriesWriter.slices(new Volume(g, new float[g.voxelCount()]), StudyContext.newStudy(
                PatientInfo.anonymous("THICK")), Uids.newUid());
        assertThat(plain.get(0).number(Tag.SLICE_THICKNESS).getAsDouble()).isEqualTo(2.5);
    }
}
