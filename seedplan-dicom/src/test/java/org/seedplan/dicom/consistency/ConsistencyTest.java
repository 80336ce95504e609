package org.seedplan.dicom.consistency;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.Mutations;
import org.seedplan.dicom.TestPlans;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.rtdose.RtDoseWriter;
import org.seedplan.dicom.rtplan.BrachyPlan;
import org.seedplan.dicom.rtplan.RtPlanReader;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.dicom.rtstruct.RtStructureSet;

/** Objects that do not belong together are refused with one line naming both files, the attribute and both values. */
class ConsistencyTest {

    @TempDir
    static Path tmp;
    static DicomExport.Written w;
    static CtSeries ct;
    static DataSet rs;
    static DataSet rp;

    @BeforeAll
    static void export() {
        w = DicomExport.writePlanSet(tmp.resolve("plan"), TestPlans.planSet(), RtDoseWriter.Bits.THIRTY_TWO);
        ct = CtSeriesReader.read(w.dir());
        rs = DicomReader.read(w.rtStruct()).dataSet();
        rp = DicomReader.read(w.rtPlan()).dataSet();
    }

    @Test
    void objectsOfOneExportBelongTogether() {
        RtStructureSet set = RtStructReader.read(rs);
        assertThatCode(() -> Consistency.requireDrawnOn(set, ct, "ct")).doesNotThrowAnyException();
        assertThatCode(() -> Consistency.requirePlanOn(RtPlanReader.read(rp), set)).doesNotThrowAnyException();
    }

    @Test
    void filesOfAnotherSystemThatBelongTogetherPass() {
        // dicompyler's example (a Varian/Eclipse-style export): every nested frame and the referenced study agree
        java.nio.file.Path dir = org.seedplan.dicom.ExternalTools.data("dicompyler-example");
        CtSeries other = CtSeriesReader.read(dir.resolve("ct.0.dcm"));
        RtStructureSet set = RtStructReader.read(dir.resolve("rtss.dcm"));
        assertThatCode(() -> Consistency.requireDrawnOn(set, other, dir.toString())).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(set.nestedFrames()).isNotEmpty();
    }

    @Test
    void structureSetWhoseRoiNamesAnotherFrameIsRefusedThoughTheTopLevelFrameAgrees() {
        DataSet bad = Mutations.items(rs, Tag.STRUCTURE_SET_ROI_SEQUENCE, b -> b.put(Tag.REFERENCED_FRAME_OF_REFERENCE_UID, "1.2.3.4"));
        RtStructureSet set = RtStructReader.read(Mutations.roundTrip(bad, "nested.dcm"));
        assertThatThrownBy(() -> Consistency.requireDrawnOn(set, ct, "ctdir"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested.dcm").hasMessageContaining("ctdir")
                .hasMessageContaining("Referenced Frame of Reference UID of ROI 1").hasMessageContaining("1.2.3.4")
                .hasMessageContaining(ct.frameOfReferenceUid());
    }

    @Test
    void structureSetWhoseReferencedFrameSequenceNamesAnotherFrameIsRefused() {
        DataSet bad = Mutations.items(rs, Tag.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE, b -> b.put(Tag.FRAME_OF_REFERENCE_UID, "1.2.3.5"));
        RtStructureSet set = RtStructReader.read(Mutations.roundTrip(bad, "nested2.dcm"));
        assertThatThrownBy(() -> Consistency.requireDrawnOn(set, ct, "ctdir"))
                .hasMessageContaining("Referenced Frame of Reference Sequence item 1").hasMessageContaining("1.2.3.5");
    }

    @Test
    void structureSetOfAnotherStudyIsRefused() {
        DataSet bad = Mutations.items(rs, Tag.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE, f -> f.sequence(Tag.RT_REFERENCED_STUDY_SEQUENCE,
                Mutations.items(f.build(), Tag.RT_REFERENCED_STUDY_SEQUENCE, s -> s.put(Tag.REFERENCED_SOP_INSTANCE_UID, "1.2.9"))
                        .sequence(Tag.RT_REFERENCED_STUDY_SEQUENCE)));
        RtStructureSet set = RtStructReader.read(Mutations.roundTrip(bad, "study.dcm"));
        assertThatThrownBy(() -> Consistency.requireDrawnOn(set, ct, "ctdir"))
                .hasMessageContaining("study.dcm").hasMessageContaining("1.2.9").hasMessageContaining(ct.studyInstanceUid());
    }

    @Test
    void anotherPatientsPlanIsRefused() {
        BrachyPlan other = RtPlanReader.read(Mutations.roundTrip(rp.toBuilder().put(Tag.PATIENT_ID, "OTHER-7").build(), "other.dcm"));
        assertThatThrownBy(() -> Consistency.requirePlanOn(other, RtStructReader.read(rs)))
                .hasMessageContaining("other.dcm").hasMessageContaining("Patient ID").hasMessageContaining("OTHER-7")
                .hasMessageContaining("SP-001");
    }

    @Test
    void planInAnotherFrameIsRefused() {
        BrachyPlan other = RtPlanReader.read(Mutations.roundTrip(rp.toBuilder().put(Tag.FRAME_OF_REFERENCE_UID, "1.2.77").build(),
                "frame.dcm"));
        assertThatThrownBy(() -> Consistency.requirePlanOn(other, RtStructReader.read(rs)))
                .hasMessageContaining("frame.dcm").hasMessageContaining("Frame of Reference").hasMessageContaining("1.2.77");
    }

    @Test
    void planMadeOnAnotherStructureSetIsRefused() {
        DataSet bad = Mutations.items(rp, Tag.REFERENCED_STRUCTURE_SET_SEQUENCE, b -> b.put(Tag.REFERENCED_SOP_INSTANCE_UID, "1.2.66"));
        BrachyPlan plan = RtPlanReader.read(Mutations.roundTrip(bad, "rp.dcm"));
        assertThatThrownBy(() -> Consistency.requirePlanOn(plan, RtStructReader.read(rs)))
                .hasMessageContaining("rp.dcm").hasMessageContaining("Referenced Structure Set Sequence").hasMessageContaining("1.2.66");
    }
}
