package org.seedplan.cli.dicom;

import java.nio.file.Path;
import org.seedplan.dicom.rtplan.BrachyPlan;
import org.seedplan.dicom.rtplan.ImplantSource;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.source.SourceLibrary;
import picocli.CommandLine.Option;

/**
 * Options of the commands that compute an imported RT Plan: the implant date the seeds' strength is
 * decayed to, and the explicit overrides of the plan's own source (model key, data folder,
 * half-life), plus the TG-43 formalism.
 */
public final class PlanSourceOptions {

    @Option(names = "--implant-date", description = "date (and time) of the implant, YYYY-MM-DD[THH:MM]: the seeds' strength"
            + " is decayed from the plan's Source Strength Reference Date/Time to it (required: RT Plans hold no implant date)")
    String implantDate;

    @Option(names = "--source", description = "compute with this seed model instead of the one the plan states (printed and"
            + " written into every report): amersham6711, amersham6702, isoaid_iai125a, or one from --source-dir")
    String sourceKey;

    @Option(names = "--source-dir", description = "folder with your own TG-43 data: seeds.csv and the table files it names (docs/source-data.md)")
    Path sourceDir;

    @Option(names = "--model", defaultValue = "line", description = "TG-43 formalism: line (2D line source, default), point (1D point source), line1d (1D line source)")
    String model;

    @Option(names = "--half-life-days", description = "half-life in days instead of the seed model's")
    Double halfLifeDays;

    /** The plan's source resolved against the library, with the strengths decayed to the implant date. */
    public ImplantSource resolve(BrachyPlan plan) {
        SourceLibrary lib = sourceDir == null ? SourceLibrary.builtIn() : SourceLibrary.withDirectory(sourceDir);
        return ImplantSource.resolve(plan, lib, sourceKey, implantDate == null ? null : ImplantSource.parseImplantDate(implantDate),
                halfLifeDays);
    }

    public Tg43Kernel kernel(ImplantSource source) {
        return new Tg43Kernel(source.model(), DoseModel.parse(model));
    }

    /** Total dose of the permanent implant with the resolved half-life. */
    public DecayIntegral permanent(ImplantSource source) {
        return DecayIntegral.permanent(source.halfLifeDays());
    }
}
