package org.seedplan.dicom.rtplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.Mutations;
import org.seedplan.dicom.TestPlans;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.rtdose.RtDoseWriter;

/** Only a permanent LDR seed implant is treated as one; every other brachytherapy plan gets the same refusal. */
class PermanentSeedImplantTest {

    @TempDir
    Path tmp;

    @Test
    void hdrPlanOfTheSamplesIsRefused() {
        Path hdr = ExternalTools.data("pytg43-brachy/HDR/RP.HDR.dcm");
        assertThatThrownBy(() -> RtPlanReader.readSeedImplant(hdr)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(hdr.toString()).hasMessageContaining("not a permanent (PERMANENT, LDR) seed implant");
    }

    @Test
    void pdrHdrAndIridiumVariantsOfASeedPlanAreRefused() {
        DicomExport.Written w = DicomExport.writePlanSet(tmp.resolve("plan"), TestPlans.planSet(), RtDoseWriter.Bits.THIRTY_TWO);
        DataSet rp = DicomReader.read(w.rtPlan()).dataSet();
        assertThat(RtPlanReader.read(rp).requirePermanentSeedImplant().seeds()).hasSize(6);
        DataSet pdr = rp.toBuilder().put(Tag.BRACHY_TREATMENT_TYPE, "PDR").build();
        assertThatThrownBy(() -> RtPlanReader.read(Mutations.roundTrip(pdr, "pdr.dcm")).requirePermanentSeedImplant())
                .hasMessageContaining("pdr.dcm").hasMessageContaining("Brachy Treatment Type is 'PDR'");
        DataSet cavity = rp.toBuilder().put(Tag.BRACHY_TREATMENT_TECHNIQUE, "INTRACAVITARY").build();
        assertThatThrownBy(() -> RtPlanReader.read(Mutations.roundTrip(cavity, "cav.dcm")).requirePermanentSeedImplant())
                .hasMessageContaining("Brachy Treatment Technique is 'INTRACAVITARY'");
        DataSet iridium = Mutations.items(rp, Tag.SOURCE_SEQUENCE, b -> b.put(Tag.SOURCE_ISOTOPE_NAME, "Ir-192"));
        assertThatThrownBy(() -> RtPlanReader.read(Mutations.roundTrip(iridium, "ir.dcm")).requirePermanentSeedImplant())
                .hasMessageContaining("ir.dcm").hasMessageContaining("Ir-192");
    }
}
