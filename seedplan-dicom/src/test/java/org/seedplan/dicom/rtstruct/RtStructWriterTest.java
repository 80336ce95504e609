package org.seedplan.dicom.rtstruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.TestPlans;
import org.seedplan.dicom.ct.CtReference;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

class RtStructWriterTest {

    private static CtReference reference() {
        List<String> uids = new ArrayList<>();
        for (int k = 0; k < TestPlans.ctGrid().nz(); k++) {
            uids.add(Uids.newUid());
        }
        return new CtReference(Uids.newUid(), Uids.newUid(), Uids.newUid(), TestPlans.ctGrid(), uids);
    }

    /** A 2000-point contour fits one Contour Data element; 4000 points (about 100 kB of text) do not, and are refused clearly. */
    @Test
    void longContoursFitUpToTheElementLimitAndAreRefusedBeyond() {
        StudyContext study = StudyContext.newStudy(PatientInfo.anonymous("X"));
        Structure fits = new Structure("BODY", StructureType.EXTERNAL, List.of(TestPlans.circle(0.123456, 0.654321, 123.456, 0, 2000)));
        DataSet ds = RtStructWriter.write(List.of(fits), reference(), study, Uids.newUid(), Uids.newUid(), "t");
        RtStructureSet back = RtStructReader.read(DicomReader.parse(DicomWriter.encode(ds), "rs").dataSet());
        assertThat(back.rois().get(0).contours().get(0).size()).isEqualTo(2000);
        Structure tooLong = new Structure("BODY", StructureType.EXTERNAL, List.of(TestPlans.circle(0.123456, 0.654321, 123.456, 0, 4000)));
        assertThatThrownBy(() -> RtStructWriter.write(List.of(tooLong), reference(), study, Uids.newUid(), Uids.newUid(), "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'BODY'").hasMessageContaining("simplify");
    }
}
