package org.seedplan.server.plans;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.server.ServerPerClass;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.plan.PlanRevisions;

/**
 * The workstation's RT Plan names the seed as the command line's does (docs/dicom-consistency.md): Source Model ID the
 * manufacturer's model name ("6711", not the library key "amersham6711"), Source Manufacturer the manufacturer alone, and the
 * revision's prescription as the Target Prescription Dose to the target ROI of the structure set it references.
 */
class RtPlanExportSourceTest extends ServerPerClass {

    @Test
    void theRtPlanNamesTheManufacturersModelAsTheCommandLinesDoes() throws Exception {
        PlanRevisions.Revision r = w.approvedPlan(t.a, true);
        assertThat(r.content().sourceModelKey()).isEqualTo("amersham6711");
        byte[] bytes = t.signedIn(Role.PHYSICIST, true).bytes("/api/plans/" + r.planId() + "/revisions/1/export/dicom");
        DataSet source = DicomReader.parse(bytes, "export").dataSet().sequence(Tag.SOURCE_SEQUENCE).get(0);
        // the values seedplan's demo and plan --dicom-out write for the 6711 (DemoCommandTest, PlanDicomRoundTripTest)
        assertThat(source.requireString(Tag.SOURCE_MODEL_ID)).isEqualTo("6711");
        assertThat(source.requireString(Tag.SOURCE_MANUFACTURER)).isEqualTo("Amersham/Oncura/GE Healthcare");
    }

    @Test
    void theRtPlanStatesTheRevisionsPrescriptionToItsTargetRoi() throws Exception {
        // the World's plan: intent {"target":"CTV"}, 120 Gy, on a CT whose structure set holds "CTV" as ROI 1
        PlanRevisions.Revision r = w.approvedPlan(t.a, true);
        byte[] bytes = t.signedIn(Role.PHYSICIST, true).bytes("/api/plans/" + r.planId() + "/revisions/1/export/dicom");
        DataSet rp = DicomReader.parse(bytes, "export").dataSet();
        DataSet ref = rp.sequence(Tag.DOSE_REFERENCE_SEQUENCE).get(0);
        assertThat(ref.number(Tag.TARGET_PRESCRIPTION_DOSE).orElseThrow()).isEqualTo(120.0);
        assertThat(ref.requireString(Tag.DOSE_REFERENCE_DESCRIPTION)).isEqualTo("CTV");
        assertThat(ref.integer(Tag.REFERENCED_ROI_NUMBER).orElseThrow()).isEqualTo(1);
    }

    @Test
    void theTargetIsTheIntentsTargetOrItsFirstTargetStructure() {
        assertThat(RtPlanExport.targetName("{\"target\":\"CTV\"}")).isEqualTo("CTV");
        assertThat(RtPlanExport.targetName("{\"targets\":[{\"structure\":\"GTV\",\"prescriptionGy\":140},{\"structure\":\"CTV\"}]}")).isEqualTo("GTV");
        assertThat(RtPlanExport.targetName("{\"approach\":\"free hand\"}")).isNull();
        assertThat(RtPlanExport.targetName(null)).isNull();
    }
}
