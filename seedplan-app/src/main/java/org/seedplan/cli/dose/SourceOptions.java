package org.seedplan.cli.dose;

import java.nio.file.Path;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;
import picocli.CommandLine.Option;

/** Command-line options that choose the seed model, the TG-43 formalism and the half-life. */
public final class SourceOptions {

    @Option(names = "--source", defaultValue = SourceLibrary.DEFAULT_KEY,
            description = "seed model key: amersham6711 (default), amersham6702, isoaid_iai125a, or one from --source-dir")
    String sourceKey;

    @Option(names = "--source-dir", description = "folder with your own TG-43 data: seeds.csv and the table files it names (docs/source-data.md)")
    Path sourceDir;

    @Option(names = "--model", defaultValue = "line", description = "TG-43 formalism: line (2D line source, default), point (1D point source), line1d (1D line source)")
    String model;

    @Option(names = "--half-life-days", description = "half-life in days (default: the model's, 59.40 d for I-125)")
    Double halfLifeDays;

    public SourceModel source() {
        SourceLibrary lib = sourceDir == null ? SourceLibrary.builtIn() : SourceLibrary.withDirectory(sourceDir);
        return lib.model(sourceKey);
    }

    public Tg43Kernel kernel() {
        return new Tg43Kernel(source(), DoseModel.parse(model));
    }

    public double halfLifeDays(SourceModel source) {
        double t = halfLifeDays == null ? source.halfLifeDays() : halfLifeDays;
        if (!(t > 0) || t > SourceModel.MAX_HALF_LIFE_DAYS) {
            throw new IllegalArgumentException("--half-life-days must lie in (0, " + SourceModel.MAX_HALF_LIFE_DAYS
                    + "] days (I-125 59.4, Pd-103 17.0, Cs-131 9.7), got " + t);
        }
        return t;
    }

    public DecayIntegral permanent(SourceModel source) {
        return DecayIntegral.permanent(halfLifeDays(source));
    }
}
