package org.seedplan.dicom.rtstruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.Mutations;
import org.seedplan.dicom.TestPlans;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.rtdose.RtDoseWriter;

/** A ROI is chosen by number when names are ambiguous; contours of an undefined ROI number are refused. */
class RoiSelectionTest {

    @TempDir
    static Path tmp;
    static DataSet rs;
    static RtStructureSet twins;

    @BeforeAll
    static void export() {
        DicomExport.Written w = DicomExport.writePlanSet(tmp.resolve("plan"), TestPlans.planSet(), RtDoseWriter.Bits.THIRTY_TWO);
        rs = DicomReader.read(w.rtStruct()).dataSet();
        // both ROIs named GTV: ROI 1 (the GTV) and ROI 2 (the ring organ)
        twins = RtStructReader.read(Mutations.roundTrip(Mutations.items(rs, Tag.STRUCTURE_SET_ROI_SEQUENCE,
                b -> b.put(Tag.ROI_NAME, "GTV")), "twins.dcm"));
    }

    @Test
    void duplicateNameIsRefusedNamingTheNumbers() {
        assertThatThrownBy(() -> twins.select("GTV")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twins.dcm").hasMessageContaining("2 ROIs are named 'GTV' (numbers 1, 2)")
                .hasMessageContaining("--roi 1");
        assertThatThrownBy(twins::requireUniqueNames).hasMessageContaining("ROIs 1 and 2 are both named 'GTV'");
    }

    @Test
    void numberOrNumberAndNameSelectsTheRoi() {
        assertThat(twins.select("2").contours()).hasSize(14); // the ring: 7 planes, outer + hole
        assertThat(twins.select("1:GTV").contours()).hasSize(7);
        assertThat(twins.select("2:gtv").number()).isEqualTo(2);
        assertThatThrownBy(() -> twins.select("3")).hasMessageContaining("no ROI number 3");
        assertThatThrownBy(() -> twins.select("1:RECTUM")).hasMessageContaining("ROI number 1 is 'GTV', not 'RECTUM'");
    }

    @Test
    void contoursOfAnUndefinedRoiNumberAreRefused() {
        DataSet orphan = Mutations.items(rs, Tag.ROI_CONTOUR_SEQUENCE, b -> b.numbers(Tag.REFERENCED_ROI_NUMBER,
                b.build().requireInteger(Tag.REFERENCED_ROI_NUMBER) == 2 ? 9 : 1));
        assertThatThrownBy(() -> RtStructReader.read(Mutations.roundTrip(orphan, "orphan.dcm")))
                .hasMessageContaining("orphan.dcm").hasMessageContaining("ROI number 9").hasMessageContaining("[1, 2]");
    }

    @Test
    void twoRoisWithOneNumberAreRefused() {
        DataSet dup = Mutations.items(rs, Tag.STRUCTURE_SET_ROI_SEQUENCE, b -> b.numbers(Tag.ROI_NUMBER, 1));
        assertThatThrownBy(() -> RtStructReader.read(Mutations.roundTrip(dup, "dup.dcm")))
                .hasMessageContaining("dup.dcm").hasMessageContaining("ROI Number 1 is given to two ROIs");
    }
}
