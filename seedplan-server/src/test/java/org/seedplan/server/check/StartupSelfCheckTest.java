package org.seedplan.server.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;

class StartupSelfCheckTest {

    @Test
    void builtInDataPassTheReferencePointsAndChecksums() {
        assertThat(StartupSelfCheck.runBuiltIn()).isEmpty();
    }

    @Test
    void aRadialDoseTableChangedAtTwoCentimetresIsRefused(@TempDir Path dir) throws IOException {
        copyBuiltIn(dir, "0.814", "0.815");
        SourceModel bad = SourceLibrary.withDirectory(dir).model("bad6711");
        assertThat(StartupSelfCheck.run(bad, file(dir), Map.of())).singleElement().asString()
                .contains("(2 cm, 90°)").contains("TG-43U1 consensus data");
    }

    @Test
    void aDoseRateConstantChangedIsRefusedAtOneCentimetre(@TempDir Path dir) throws IOException {
        copyBuiltIn(dir, "0.965,0.30", "0.966,0.30");
        SourceModel bad = SourceLibrary.withDirectory(dir).model("bad6711");
        assertThat(StartupSelfCheck.run(bad, file(dir), Map.of())).anySatisfy(f -> assertThat(f).contains("(1 cm, 90°)"));
    }

    @Test
    void aDataFileWhoseBytesChangedIsRefusedByItsChecksum(@TempDir Path dir) throws IOException {
        copyBuiltIn(dir, "0.814", "0.8140");
        SourceModel same = SourceLibrary.withDirectory(dir).model("bad6711");
        Map<String, String> manifest = Map.of("i125_amersham6711_gL.csv", StartupSelfCheck.manifest().get("i125_amersham6711_gL.csv"));
        assertThat(StartupSelfCheck.run(same, file(dir), manifest)).singleElement().asString()
                .contains("i125_amersham6711_gL.csv has SHA-256");
    }

    /** The built-in 6711 data under the key bad6711, with {@code from} replaced by {@code to} in the g(r) file or the index. */
    private static void copyBuiltIn(Path dir, String from, String to) throws IOException {
        for (String name : new String[] {"i125_amersham6711_gL.csv", "i125_amersham6711_F.csv", "i125_amersham6711_phian.csv", "seeds.csv"}) {
            try (InputStream in = SourceLibrary.class.getResourceAsStream("/org/seedplan/source/tg43/" + name)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (name.equals("seeds.csv")) {
                    String[] lines = text.split("\n");
                    text = lines[0] + "\n" + lines[1].replace("amersham6711,", "bad6711,").replace(from, to) + "\n";
                } else if (name.endsWith("gL.csv")) {
                    text = text.replace("2.0," + from + ",", "2.0," + to + ",");
                }
                Files.writeString(dir.resolve(name), text);
            }
        }
    }

    private static Function<String, byte[]> file(Path dir) {
        return name -> {
            try {
                return Files.readAllBytes(dir.resolve(name));
            } catch (IOException e) {
                return null;
            }
        };
    }
}
